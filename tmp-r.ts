import { answerOnce } from './lib/answer/answer'
import { readGoldSet } from './lib/eval'
import { Retriever } from './lib/retrieve/retriever'
import { loadConfig } from './lib/config'
const r = await Retriever.open(loadConfig())
for (const [name, qs] of [['dev', readGoldSet('../shared/eval/dev.jsonl')], ['heldout', [...readGoldSet('eval/questions.jsonl'), ...readGoldSet('eval/negatives.jsonl')].filter((q) => q.split === 'heldout')]] as const) {
  const reasons: Record<string, number> = {}
  for (const q of qs) {
    if (!q.gold.length) continue
    const { answer, evidence } = await answerOnce(q.q, [], { retriever: r })
    if (!answer.abstained) continue
    const key = `missing=${evidence.missing.map((t) => t.kind + (t.absent ? '-absent' : '')).join(',')} typeUnmet=${evidence.typeUnmet} low=${evidence.score < 0.5}`
    reasons[key] = (reasons[key] ?? 0) + 1
  }
  console.log(name, reasons)
}
