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

export interface RankingMetrics {
  recall1: number
  recall5: number
  recall10: number
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
  return { recall1: hitAt(1), recall5: hitAt(5), recall10: hitAt(10), mrr: first >= 0 ? 1 / (first + 1) : 0, ndcg10: dcg / idcg }
}

export function meanMetrics(rows: RankingMetrics[]): RankingMetrics {
  const n = Math.max(1, rows.length)
  const sum = (key: keyof RankingMetrics) => rows.reduce((s, r) => s + r[key], 0) / n
  return { recall1: sum('recall1'), recall5: sum('recall5'), recall10: sum('recall10'), mrr: sum('mrr'), ndcg10: sum('ndcg10') }
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
