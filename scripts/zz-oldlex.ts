/** A group of interchangeable terms (a word and its translations) that share one weight. */
export interface QueryTermGroup {
  terms: string[]
  weight: number
  /** what the group stands for in the question (shown as matched terms) */
  source?: string
  /** words about the question itself ("which source is cited", "出处"): searched, but not evidence of an answer */
  meta?: boolean
  /** an English word the dictionary cannot translate: its absence from a passage says little */
  untranslated?: boolean
}

export interface LexicalIndexData {
  k1: number
  b: number
  lengths: number[]
  postings: Record<string, [number, number][]>
}

/**
 * BM25 over pre-tokenized chunks. A query is a list of term groups scored as synonym sets: the
 * group's term frequency is the sum over its terms and its document frequency their union, so all
 * translations of one English word together weigh what the word weighs.
 */
export class LexicalIndex {
  private readonly avgLength: number
  private readonly postings: Map<string, [number, number][]>

  constructor(readonly data: LexicalIndexData) {
    this.postings = new Map(Object.entries(data.postings))
    this.avgLength = data.lengths.reduce((a, b) => a + b, 0) / Math.max(1, data.lengths.length)
  }

  static build(documents: string[][], k1 = 1.2, b = 0.75): LexicalIndex {
    const postings: Record<string, [number, number][]> = {}
    documents.forEach((terms, doc) => {
      const tf = new Map<string, number>()
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1)
      for (const [term, count] of tf) (postings[term] ??= []).push([doc, count])
    })
    return new LexicalIndex({ k1, b, lengths: documents.map((d) => d.length), postings })
  }

  get size(): number {
    return this.data.lengths.length
  }

  has(term: string): boolean {
    return this.postings.has(term)
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.length ?? 0
  }

  idf(df: number): number {
    const n = this.size
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /** Scores per document index, best first. */
  search(groups: QueryTermGroup[], limit = 50): { doc: number; score: number; groups: number[] }[] {
    const { k1, b, lengths } = this.data
    const scores = new Map<number, { score: number; groups: number[] }>()
    groups.forEach((group, g) => {
      const tf = new Map<number, number>()
      for (const term of new Set(group.terms)) for (const [doc, count] of this.postings.get(term) ?? []) tf.set(doc, (tf.get(doc) ?? 0) + count)
      if (!tf.size) return
      const idf = this.idf(tf.size)
      for (const [doc, f] of tf) {
        const norm = f + k1 * (1 - b + (b * lengths[doc]) / this.avgLength)
        const entry = scores.get(doc) ?? { score: 0, groups: [] }
        entry.score += group.weight * idf * ((f * (k1 + 1)) / norm)
        entry.groups.push(g)
        scores.set(doc, entry)
      }
    })
    return [...scores.entries()]
      .map(([doc, s]) => ({ doc, ...s }))
      .sort((x, y) => y.score - x.score)
      .slice(0, limit)
  }
}
