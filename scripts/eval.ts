import { existsSync } from 'node:fs'
import { answerOnce } from '../lib/answer/answer'
import { EVIDENCE_THRESHOLD } from '../lib/answer/evidence'
import {
  type AnswerRecord,
  answerMetrics,
  declineCurve,
  type GoldQuestion,
  isRelevant,
  meanMetrics,
  miniSearchBaseline,
  type RankingMetrics,
  readGoldSet,
  scoreRanking,
} from '../lib/eval'
import { dedupeOverlapping, type RetrievalMode, Retriever } from '../lib/retrieve/retriever'
import { configFrom, parseCli, run } from './cli'

const SYSTEMS = ['hybrid', 'lexical', 'dense', 'minisearch'] as const
type System = (typeof SYSTEMS)[number]
// the project's own answerable questions and unanswerable ones (scripts/make-negatives.ts), each in a tune or held-out split
const OWN_SETS = ['eval/questions.jsonl', 'eval/negatives.jsonl']
const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75]

/** Why an answer declined: a missing name/number/year, no answer of the kind asked for, or too little evidence. */
type DeclineReason = 'missing' | 'type' | 'score' | 'answered'

async function answerRecords(
  retriever: Retriever,
  questions: GoldQuestion[],
  trace?: (q: GoldQuestion, r: AnswerRecord, reason: DeclineReason, firstQuote: string) => void,
): Promise<(AnswerRecord & { reason: DeclineReason })[]> {
  const out: (AnswerRecord & { reason: DeclineReason })[] = []
  for (const q of questions) {
    const { answer, passages, evidence } = await answerOnce(q.q, [], { retriever })
    const cited = answer.citations.map((c) => passages[c.n - 1])
    // (a "who wrote" question about a subject no document is about misses its topic)
    const missing = evidence.missing.length > 0 || !!evidence.unbylined
    const reason: DeclineReason = !answer.abstained ? 'answered' : missing ? 'missing' : evidence.typeUnmet ? 'type' : 'score'
    const record = {
      id: q.id,
      answerable: q.gold.length > 0,
      type: q.type,
      abstained: answer.abstained,
      evidence: evidence.score,
      hardDecline: missing || evidence.typeUnmet,
      firstCitedRelevant: !!cited[0] && isRelevant(cited[0].text, q.gold),
      citedRelevant: cited.some((p) => isRelevant(p.text, q.gold)),
      reason,
    }
    out.push(record)
    trace?.(q, record, reason, answer.citations[0]?.quote ?? '')
  }
  return out
}

run(async () => {
  // --failures lists the tune split's failed questions one by one (never the held-out split's: only its totals are read)
  const { values } = parseCli({ set: { type: 'string' }, index: { type: 'string' }, failures: { type: 'boolean' } })
  const setFile = typeof values.set === 'string' ? values.set : '../shared/eval/dev.jsonl'
  const questions = readGoldSet(setFile)
  const retriever = await Retriever.open(configFrom(values))
  const baseline = miniSearchBaseline(retriever.index.chunks)

  const rows: { system: System; lang: string; type: string; metrics: RankingMetrics }[] = []
  for (const q of questions) {
    if (!q.gold.length) continue
    for (const system of SYSTEMS) {
      const texts =
        system === 'minisearch'
          ? dedupeOverlapping(baseline(q.q, 30).map((chunk) => ({ chunk })))
              .slice(0, 10)
              .map((r) => r.chunk.text)
          : (await retriever.search(q.q, 10, system as RetrievalMode)).results.map((p) => p.text)
      rows.push({ system, lang: q.lang, type: q.type, metrics: scoreRanking(texts, q.gold) })
    }
  }
  type Row = (typeof rows)[number]
  const groups: [string, (r: Row) => boolean][] = [
    ['all', () => true],
    ...[...new Set(rows.map((r) => r.lang))].sort().map((l) => [`lang=${l}`, (r: Row) => r.lang === l] as [string, (r: Row) => boolean]),
    ...[...new Set(rows.map((r) => r.type))].sort().map((t) => [`type=${t}`, (r: Row) => r.type === t] as [string, (r: Row) => boolean]),
  ]
  const table = groups.flatMap(([name, filter]) =>
    SYSTEMS.map((system) => {
      const subset = rows.filter((r) => r.system === system && filter(r))
      return { group: name, system, n: subset.length, ...meanMetrics(subset.map((r) => r.metrics)) }
    }),
  )

  // answers of the offline (extractive) answerer on the gold set and on the project's own splits
  const failures: string[] = []
  const listFailure = (q: GoldQuestion, r: AnswerRecord, reason: DeclineReason, quote: string) => {
    const failed = r.answerable ? r.abstained || !r.firstCitedRelevant : !r.abstained
    if (failed)
      failures.push(
        `${q.id.padEnd(14)}${(r.answerable ? (r.abstained ? `declined (${reason})` : 'wrong cite') : 'answered').padEnd(20)}${r.evidence.toFixed(2)}  ${q.q}\n${''.padEnd(34)}${quote.slice(0, 90)}`,
      )
  }
  const answerSets: { name: string; records: (AnswerRecord & { reason: DeclineReason })[] }[] = [
    { name: setFile, records: await answerRecords(retriever, questions) },
  ]
  if (OWN_SETS.every((f) => existsSync(f))) {
    const own = OWN_SETS.flatMap((f) => readGoldSet(f))
    for (const split of ['tune', 'heldout'])
      answerSets.push({
        name: `own ${split}`,
        records: await answerRecords(
          retriever,
          own.filter((q) => q.split === split),
          values.failures && split === 'tune' ? listFailure : undefined,
        ),
      })
  }
  const answers = answerSets.map((s) => ({ name: s.name, metrics: answerMetrics(s.records), curve: declineCurve(s.records, THRESHOLDS) }))

  if (values.json) {
    console.log(JSON.stringify({ set: setFile, questions: questions.length, threshold: EVIDENCE_THRESHOLD, table, answers, details: answerSets }))
    return
  }
  const f = (x: number) => x.toFixed(3)
  console.log(`Retrieval on ${setFile} (${questions.length} questions; relevance as in DESIGN; hit@k = a relevant passage in the first k)\n`)
  console.log('group            system       n   Hit@1  Hit@5  Hit@10 MRR    nDCG@10')
  for (const r of table)
    console.log(
      `${r.group.padEnd(17)}${r.system.padEnd(11)}${String(r.n).padStart(3)}   ${f(r.hit1)}  ${f(r.hit5)}  ${f(r.hit10)}  ${f(r.mrr)}  ${f(r.ndcg10)}`,
    )

  console.log(`\nAnswers (offline extractive; evidence threshold ${EVIDENCE_THRESHOLD})\n`)
  console.log('set                             answerable unanswerable  declined(unans.) declined(answ.) 1st cite relevant  a cite relevant')
  for (const a of answers) {
    const m = a.metrics
    console.log(
      `${a.name.padEnd(32)}${String(m.answerable).padStart(10)} ${String(m.unanswerable).padStart(12)}  ${f(m.declinedUnanswerable).padStart(16)} ${f(m.declinedAnswerable).padStart(15)} ${f(m.firstCitationRelevant).padStart(18)} ${f(m.citedRelevant).padStart(16)}`,
    )
  }
  console.log('\nUnanswerable questions declined, by kind')
  for (const set of answerSets) {
    const kinds = [...new Set(set.records.filter((r) => !r.answerable).map((r) => r.type))].sort()
    const cells = kinds.map((k) => {
      const rows = set.records.filter((r) => !r.answerable && r.type === k)
      return `${k} ${rows.filter((r) => r.abstained).length}/${rows.length}`
    })
    console.log(`${set.name.padEnd(32)}${cells.join('   ')}`)
  }
  console.log('\nWhy questions were declined (missing name/number/year, no answer of the kind asked for, evidence below the threshold)')
  console.log('set                             answerable: missing  type  score    unanswerable: missing  type  score  answered')
  for (const set of answerSets) {
    const count = (answerable: boolean, reason: DeclineReason) => String(set.records.filter((r) => r.answerable === answerable && r.reason === reason).length)
    const [a, u] = [true, false].map((ans) => (['missing', 'type', 'score'] as const).map((k) => count(ans, k).padStart(k.length + 2)).join(''))
    console.log(`${set.name.padEnd(32)}${''.padEnd(11)}${a}${''.padEnd(18)}${u}${count(false, 'answered').padStart(10)}`)
  }
  if (failures.length) console.log(`\nFailures on the tune split\n${failures.join('\n')}`)
  console.log('\nDecline curve over the evidence threshold (a missing name/number/year or answer type declines at every threshold)\n')
  console.log(`threshold  ${answers.map((a) => a.name.slice(0, 22).padEnd(24)).join('')}`)
  console.log(`           ${answers.map(() => 'unans.  answ.'.padEnd(24)).join('')}`)
  THRESHOLDS.forEach((t, i) => {
    const cells = answers.map((a) => `${f(a.curve[i].declinedUnanswerable)}   ${f(a.curve[i].declinedAnswerable)}`.padEnd(24))
    console.log(`${t.toFixed(2).padEnd(11)}${cells.join('')}${t === EVIDENCE_THRESHOLD ? ' <- default' : ''}`)
  })
})
