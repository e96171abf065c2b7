import { describe, expect, it } from 'vitest'
import { type AnswerRecord, answerMetrics, declineCurve, isRelevant, meanMetrics, scoreRanking } from '../lib/eval'

describe('retrieval metrics', () => {
  it('relevance ignores white space on both sides', () => {
    expect(isRelevant('俄罗斯 是 人才强国', ['是人才 强国'])).toBe(true)
    expect(isRelevant('俄罗斯是人才强国', ['人才流失'])).toBe(false)
  })

  it('hit@k, MRR and nDCG@10 of one ranking', () => {
    const m = scoreRanking(['a', 'b', 'gold here', 'd', 'gold again'], ['gold'])
    expect(m).toMatchObject({ hit1: 0, hit5: 1, hit10: 1 })
    expect(m.mrr).toBeCloseTo(1 / 3)
    // two relevant at ranks 3 and 5, ideal at ranks 1 and 2
    const dcg = 1 / Math.log2(4) + 1 / Math.log2(6)
    expect(m.ndcg10).toBeCloseTo(dcg / (1 + 1 / Math.log2(3)))
    expect(scoreRanking(['x', 'y'], ['gold'])).toEqual({ hit1: 0, hit5: 0, hit10: 0, mrr: 0, ndcg10: 0 })
  })

  it('averages over questions', () => {
    const a = scoreRanking(['gold'], ['gold'])
    const b = scoreRanking(['x'], ['gold'])
    expect(meanMetrics([a, b])).toMatchObject({ hit1: 0.5, mrr: 0.5 })
  })
})

describe('answer metrics', () => {
  const row = (r: Partial<AnswerRecord>): AnswerRecord => ({
    id: 'q',
    answerable: true,
    type: 'fact',
    abstained: false,
    evidence: 0.8,
    hardDecline: false,
    firstCitedRelevant: true,
    citedRelevant: true,
    ...r,
  })
  const rows = [
    row({}),
    row({ firstCitedRelevant: false }),
    row({ abstained: true, evidence: 0.3 }),
    row({ answerable: false, type: 'near-miss', abstained: true, evidence: 0.2 }),
    row({ answerable: false, type: 'near-miss', evidence: 0.6 }),
    row({ answerable: false, type: 'swapped', abstained: true, evidence: 0.9, hardDecline: true }),
  ]

  it('decline rates and citation relevance (a declined answer cites nothing relevant)', () => {
    expect(answerMetrics(rows)).toEqual({
      answerable: 3,
      unanswerable: 3,
      declinedUnanswerable: 2 / 3,
      declinedAnswerable: 1 / 3,
      firstCitationRelevant: 1 / 3,
      citedRelevant: 2 / 3,
    })
  })

  it('the decline curve rises with the threshold; a hard decline counts at every threshold', () => {
    const curve = declineCurve(rows, [0.1, 0.5, 0.7, 0.9])
    expect(curve.map((c) => c.declinedUnanswerable)).toEqual([1 / 3, 2 / 3, 1, 1])
    expect(curve.map((c) => c.declinedAnswerable)).toEqual([0, 1 / 3, 1 / 3, 1])
  })
})
