import { readFileSync } from 'node:fs'
import MiniSearch from 'minisearch'
import { z } from 'zod'
import { lexicalTerms } from './text/segment'
import type { Chunk } from './types'

export const GoldQuestion = z.object({
  id: z.string(),
  lang: z.string(),
  type: z.string(),
  q: z.string().min(1),
  gold: z.array(z.string()),
  /** 'tune' or 'heldout' for the project's own sets: held-out questions are never tuned on */
  split: z.string().optional(),
})
export type GoldQuestion = z.infer<typeof GoldQuestion>

export function readGoldSet(file: string): GoldQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const parsed = GoldQuestion.safeParse(JSON.parse(line))
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0].message}`)
      return parsed.data
    })
}

const squash = (s: string) => s.replace(/\s+/g, '')

/** DESIGN's relevance: the passage text, white space removed, contains a gold string (white space removed). */
export function isRelevant(text: string, gold: string[]): boolean {
  const t = squash(text)
  return gold.some((g) => t.includes(squash(g)))
}

/** hit@k: whether a relevant passage is among the first k (with one relevant passage per question, recall@k). */
export interface RankingMetrics {
  hit1: number
  hit5: number
  hit10: number
  mrr: number
  ndcg10: number
}

/** Metrics of one ranked list of passage texts against one question's gold strings. */
export function scoreRanking(texts: string[], gold: string[]): RankingMetrics {
  const relevant = texts.map((t) => isRelevant(t, gold))
  const first = relevant.indexOf(true)
  const hitAt = (k: number) => (first >= 0 && first < k ? 1 : 0)
  const dcg = relevant.slice(0, 10).reduce((s, r, i) => s + (r ? 1 / Math.log2(i + 2) : 0), 0)
  const ideal = Math.max(1, Math.min(10, relevant.filter(Boolean).length))
  let idcg = 0
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2)
  return { hit1: hitAt(1), hit5: hitAt(5), hit10: hitAt(10), mrr: first >= 0 ? 1 / (first + 1) : 0, ndcg10: dcg / idcg }
}

export function meanMetrics(rows: RankingMetrics[]): RankingMetrics {
  const n = Math.max(1, rows.length)
  const sum = (key: keyof RankingMetrics) => rows.reduce((s, r) => s + r[key], 0) / n
  return { hit1: sum('hit1'), hit5: sum('hit5'), hit10: sum('hit10'), mrr: sum('mrr'), ndcg10: sum('ndcg10') }
}

/** A well-known JavaScript search library on the same chunks, with jieba tokens: the baseline. */
export function miniSearchBaseline(chunks: Chunk[]) {
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: (text) => lexicalTerms(text), processTerm: (t) => t })
  mini.addAll(chunks.map((c, id) => ({ id, text: c.indexText })))
  return (query: string, k: number) =>
    mini
      .search(query)
      .slice(0, k)
      .map((r) => chunks[r.id as number])
}

/** One answer of the answerer, scored against its question. */
export interface AnswerRecord {
  id: string
  answerable: boolean
  /** near-miss, swapped, off-topic … for unanswerable questions */
  type: string
  abstained: boolean
  /** the evidence score, and whether a missing focus or answer type declines regardless of it */
  evidence: number
  hardDecline: boolean
  /** the answer's first citation is on a relevant passage */
  firstCitedRelevant: boolean
  /** some cited passage is relevant */
  citedRelevant: boolean
}

const share = (rows: AnswerRecord[], test: (r: AnswerRecord) => boolean) => (rows.length ? rows.filter(test).length / rows.length : 0)

export interface AnswerMetrics {
  answerable: number
  unanswerable: number
  declinedUnanswerable: number
  declinedAnswerable: number
  firstCitationRelevant: number
  citedRelevant: number
}

/** Decline rates, and for answerable questions whether the first / any citation is relevant. */
export function answerMetrics(rows: AnswerRecord[]): AnswerMetrics {
  const answerable = rows.filter((r) => r.answerable)
  const unanswerable = rows.filter((r) => !r.answerable)
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    declinedUnanswerable: share(unanswerable, (r) => r.abstained),
    declinedAnswerable: share(answerable, (r) => r.abstained),
    firstCitationRelevant: share(answerable, (r) => !r.abstained && r.firstCitedRelevant),
    citedRelevant: share(answerable, (r) => !r.abstained && r.citedRelevant),
  }
}

/** For each threshold: the share of unanswerable questions declined against the share of answerable ones declined. */
export function declineCurve(rows: AnswerRecord[], thresholds: number[]): { threshold: number; declinedUnanswerable: number; declinedAnswerable: number }[] {
  const declined = (r: AnswerRecord, t: number) => r.hardDecline || r.evidence < t
  return thresholds.map((t) => ({
    threshold: t,
    declinedUnanswerable: share(
      rows.filter((r) => !r.answerable),
      (r) => declined(r, t),
    ),
    declinedAnswerable: share(
      rows.filter((r) => r.answerable),
      (r) => declined(r, t),
    ),
  }))
}
