import { ENGLISH_STOPWORDS, isHan, segment } from '../text/segment'
import type { LoadedIndex } from './open'

/** A small deterministic random generator (mulberry32), so every bench run asks the same queries. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Benchmark queries made from the corpus's own words, never a passage's text: Chinese queries join
 * two or three words taken from different places of a random passage; English ones two or three
 * English words of a passage that has them (man pages, help texts). Distinct, in a fixed order.
 */
export function corpusQueries(index: LoadedIndex, options: { zh: number; en: number; seed?: number }): { zh: string[]; en: string[] } {
  const random = seededRandom(options.seed ?? 42)
  const maxLabel = index.store.maxLabel()
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]
  const zh = new Set<string>()
  const en = new Set<string>()
  for (let attempt = 0; attempt < 40 * (options.zh + options.en) && (zh.size < options.zh || en.size < options.en); attempt++) {
    const chunk = index.chunk(1 + Math.floor(random() * maxLabel))
    if (!chunk) continue
    const count = 2 + Math.floor(random() * 2)
    if (zh.size < options.zh) {
      const words = [...new Set(segment(chunk.text).filter((w) => isHan(w) && w.length >= 2))]
      if (words.length >= 6) zh.add(Array.from({ length: count }, () => pick(words)).join(' '))
    }
    if (en.size < options.en) {
      const words = [...new Set((chunk.text.match(/[A-Za-z]{4,}/g) ?? []).map((w) => w.toLowerCase()).filter((w) => !ENGLISH_STOPWORDS.has(w)))]
      if (words.length >= 6) en.add([...new Set(Array.from({ length: count }, () => pick(words)))].join(' '))
    }
  }
  return { zh: [...zh], en: [...en] }
}

/** All stored vectors in one array, with their labels (for exact search). */
export function allVectors(index: LoadedIndex): { labels: Int32Array; vectors: Float32Array; dimension: number } {
  const dimension = index.manifest.embedder.dimension
  const n = index.manifest.chunkCount
  const labels = new Int32Array(n)
  const vectors = new Float32Array(n * dimension)
  let i = 0
  for (const { label, vector } of index.store.vectors()) {
    labels[i] = label
    vectors.set(vector, i * dimension)
    i++
  }
  return { labels, vectors, dimension }
}

/** The k labels with the highest cosine to the (unit) query, by scanning every vector, with their scores. */
export function exactTopK(all: ReturnType<typeof allVectors>, query: Float32Array, k: number): { label: number; score: number }[] {
  const { labels, vectors, dimension } = all
  const best: { label: number; score: number }[] = []
  for (let i = 0; i < labels.length; i++) {
    let s = 0
    let norm = 0
    const at = i * dimension
    for (let d = 0; d < dimension; d++) {
      s += vectors[at + d] * query[d]
      norm += vectors[at + d] * vectors[at + d]
    }
    s /= Math.sqrt(norm) || 1
    if (best.length < k || s > best[best.length - 1].score) {
      best.push({ label: labels[i], score: s })
      best.sort((a, b) => b.score - a.score)
      if (best.length > k) best.pop()
    }
  }
  return best
}

/**
 * Recall@k of the HNSW search at the index's current ef against exact search over the same
 * vectors: the share of the k results that are as close as the exact k-th neighbour (so of two
 * identical passages, as the corpus's duplicate editions have, either one counts).
 */
/** HNSW recall@k at each of several ef settings (the exact neighbours computed once); the index's ef is restored. */
export function hnswRecallByEf(index: LoadedIndex, all: ReturnType<typeof allVectors>, queries: Float32Array[], efs: number[], k = 10): Record<string, number> {
  const exact = exactNeighbours(all, queries, k)
  const ef = index.hnsw.getEf()
  const out: Record<string, number> = {}
  for (const e of efs) {
    index.hnsw.setEf(e)
    out[e] = Number(recallOf(index, queries, exact).toFixed(3))
  }
  index.hnsw.setEf(ef)
  return out
}

const exactNeighbours = (all: ReturnType<typeof allVectors>, queries: Float32Array[], k: number) => queries.map((q) => exactTopK(all, q, k))

function recallOf(index: LoadedIndex, queries: Float32Array[], exact: ReturnType<typeof exactTopK>[]): number {
  let found = 0
  let total = 0
  queries.forEach((q, i) => {
    if (!exact[i].length) return
    const kth = exact[i][exact[i].length - 1].score
    const { distances } = index.hnsw.searchKnn(Array.from(q), exact[i].length)
    found += distances.filter((d) => 1 - d >= kth - 1e-5).length
    total += exact[i].length
  })
  return total ? found / total : 1
}
