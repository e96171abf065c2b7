import { answerOnce } from '../lib/answer/answer'
import { isRelevant, meanMetrics, miniSearchBaseline, type RankingMetrics, readGoldSet, scoreRanking } from '../lib/eval'
import { dedupeOverlapping, NOTHING_RELEVANT_THRESHOLD, type RetrievalMode, Retriever } from '../lib/retrieve/retriever'
import { configFrom, parseCli, run } from './cli'

const SYSTEMS = ['hybrid', 'lexical', 'dense', 'minisearch'] as const
type System = (typeof SYSTEMS)[number]

run(async () => {
  const { values } = parseCli({ set: { type: 'string' }, index: { type: 'string' } })
  const setFile = typeof values.set === 'string' ? values.set : '../shared/eval/dev.jsonl'
  const questions = readGoldSet(setFile)
  const retriever = await Retriever.open(configFrom(values))
  const baseline = miniSearchBaseline(retriever.index.chunks)

  const rows: { system: System; lang: string; type: string; metrics: RankingMetrics }[] = []
  const abstention: { id: string; answerable: boolean; confidence: number }[] = []
  for (const q of questions) {
    for (const system of SYSTEMS) {
      let texts: string[]
      if (system === 'minisearch')
        texts = dedupeOverlapping(baseline(q.q, 30).map((chunk) => ({ chunk })))
          .slice(0, 10)
          .map((r) => r.chunk.text)
      else {
        const result = await retriever.search(q.q, 10, system as RetrievalMode)
        texts = result.results.map((p) => p.text)
        if (system === 'hybrid') abstention.push({ id: q.id, answerable: q.gold.length > 0, confidence: result.confidence })
      }
      if (q.gold.length) rows.push({ system, lang: q.lang, type: q.type, metrics: scoreRanking(texts, q.gold) })
    }
  }

  const groups: [string, (r: (typeof rows)[number]) => boolean][] = [
    ['all', () => true],
    ...[...new Set(rows.map((r) => r.lang))]
      .sort()
      .map((l) => [`lang=${l}`, (r: (typeof rows)[number]) => r.lang === l] as [string, (r: (typeof rows)[number]) => boolean]),
    ...[...new Set(rows.map((r) => r.type))]
      .sort()
      .map((t) => [`type=${t}`, (r: (typeof rows)[number]) => r.type === t] as [string, (r: (typeof rows)[number]) => boolean]),
  ]
  const table = groups.flatMap(([name, filter]) =>
    SYSTEMS.map((system) => {
      const subset = rows.filter((r) => r.system === system && filter(r))
      return { group: name, system, n: subset.length, ...meanMetrics(subset.map((r) => r.metrics)) }
    }),
  )
  // answers of the offline (extractive) answerer: is a cited passage relevant, does it abstain when it should
  const answers: { id: string; answerable: boolean; abstained: boolean; citedRelevant: boolean }[] = []
  for (const q of questions) {
    const { answer, passages } = await answerOnce(q.q, [], { retriever })
    const cited = passages.filter((p) => p.cited)
    answers.push({
      id: q.id,
      answerable: q.gold.length > 0,
      abstained: answer.abstained,
      citedRelevant: !answer.abstained && cited.some((p) => isRelevant(p.text, q.gold)),
    })
  }
  const answerableAnswers = answers.filter((a) => a.answerable)
  const unanswerableAnswers = answers.filter((a) => !a.answerable)
  const answerMetrics = {
    citedRelevant: answerableAnswers.filter((a) => a.citedRelevant).length / Math.max(1, answerableAnswers.length),
    abstainedWhenUnanswerable: unanswerableAnswers.filter((a) => a.abstained).length / Math.max(1, unanswerableAnswers.length),
    abstainedWhenAnswerable: answerableAnswers.filter((a) => a.abstained).length / Math.max(1, answerableAnswers.length),
  }

  const unanswerable = abstention.filter((a) => !a.answerable)
  const answerable = abstention.filter((a) => a.answerable)
  const summary = {
    set: setFile,
    questions: questions.length,
    threshold: NOTHING_RELEVANT_THRESHOLD,
    unanswerableBelowThreshold: unanswerable.filter((a) => a.confidence < NOTHING_RELEVANT_THRESHOLD).length / Math.max(1, unanswerable.length),
    answerableBelowThreshold: answerable.filter((a) => a.confidence < NOTHING_RELEVANT_THRESHOLD).length / Math.max(1, answerable.length),
    answers: answerMetrics,
  }
  if (values.json) {
    console.log(JSON.stringify({ ...summary, table, confidences: abstention, answerDetails: answers }))
    return
  }
  const f = (x: number) => x.toFixed(3)
  console.log(`Retrieval on ${setFile} (${questions.length} questions; relevance as in DESIGN)\n`)
  console.log('group            system       n   R@1    R@5    R@10   MRR    nDCG@10')
  for (const r of table)
    console.log(
      `${r.group.padEnd(17)}${r.system.padEnd(11)}${String(r.n).padStart(3)}   ${f(r.recall1)}  ${f(r.recall5)}  ${f(r.recall10)}  ${f(r.mrr)}  ${f(r.ndcg10)}`,
    )
  console.log(
    `\n"Nothing relevant" threshold ${NOTHING_RELEVANT_THRESHOLD}: unanswerable below it ${f(summary.unanswerableBelowThreshold)} (${unanswerable.length}), answerable below it ${f(summary.answerableBelowThreshold)} (${answerable.length})`,
  )
  console.log(
    `\nAnswers (offline extractive, ${answers.length} questions): a cited passage is relevant for ${f(answerMetrics.citedRelevant)} of answerable questions; ` +
      `abstained on ${f(answerMetrics.abstainedWhenUnanswerable)} of unanswerable and ${f(answerMetrics.abstainedWhenAnswerable)} of answerable ones`,
  )
})
