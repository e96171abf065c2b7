import { answerOnce } from './lib/answer/answer'
import { readGoldSet } from './lib/eval'
import { Retriever } from './lib/retrieve/retriever'
import { questionFocus } from './lib/retrieve/analyze'
import { loadConfig } from './lib/config'
const r = await Retriever.open(loadConfig())
const qs = [...readGoldSet('eval/questions.jsonl'), ...readGoldSet('eval/negatives.jsonl')].filter((q) => q.split === (process.argv[2] ?? 'tune'))
for (const q of qs) {
  const { answer, evidence } = await answerOnce(q.q, [], { retriever: r })
  const wrong = answer.abstained !== (q.gold.length === 0)
  if (!wrong && !process.argv[3]) continue
  const f = questionFocus(r.analyze(q.q), (w) => r.dictionary.lookup(w))
  console.log(wrong ? 'WRONG' : 'ok', q.id, q.q, '| score', evidence.score.toFixed(2), 'missing', evidence.missing.map((t) => t.text), 'typeUnmet', evidence.typeUnmet, 'wants', f.wants, f.unit)
  console.log('   focus', f.terms.map((t) => `${t.text}:${t.kind}:${t.weight.toFixed(1)}:${t.forms.slice(0, 3).join('/')}`).join(' '))
}
