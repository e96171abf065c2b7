import { answerOnce } from './lib/answer/answer'
import { isRelevant, readGoldSet } from './lib/eval'
import { Retriever } from './lib/retrieve/retriever'
import { loadConfig } from './lib/config'
const r = await Retriever.open(loadConfig())
for (const q of readGoldSet('eval/questions.jsonl').filter((q) => q.split === 'tune')) {
  const { answer, passages } = await answerOnce(q.q, [], { retriever: r })
  if (answer.abstained) continue
  const first = passages[answer.citations[0].n - 1]
  if (isRelevant(first.text, q.gold)) continue
  const relRank = passages.findIndex((p) => isRelevant(p.text, q.gold)) + 1
  console.log(q.id, q.q, '| relevant passage n =', relRank, '\n  ', answer.answer.slice(0, 250).replace(/\n/g, ' / '))
}
