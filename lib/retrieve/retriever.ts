import { citingSentence } from '../chunk/chunk'
import { createEmbedder, type Embedder } from '../embed'
import { dot } from '../embed/types'
import type { QueryTermGroup } from '../index/lexical'
import { type LoadedIndex, loadIndex } from '../index/open'
import type { ChunkInfo } from '../index/store'
import { type Glossary, loadGlossaryIntoSegmenter } from '../text/glossary'
import { isHan } from '../text/segment'
import { atOnce, type Turns } from '../turns'
import type { Chunk, Passage, SearchResult, SourceDocument } from '../types'
import { analyzeQuery, containsTerm, type QueryAnalysis } from './analyze'
import { CrossEncoderReranker, type Reranker } from './rerank'
import { EnglishChineseDictionary } from './translate'

export interface RetrieverOptions {
  denseWeight: number
  lexicalWeight: number
  /** candidates taken from each retriever before fusion */
  depth: number
  /** reciprocal-rank-fusion constant */
  rrfK: number
  /** when each search runs (the server makes them take turns) */
  turns?: Turns
}

export const DEFAULT_RETRIEVER_OPTIONS: RetrieverOptions = { denseWeight: 1, lexicalWeight: 1, depth: 30, rrfK: 60 }

export type RetrievalMode = 'hybrid' | 'lexical' | 'dense'

interface Candidate {
  index: number
  score: number
  lexicalGroups: number[]
}

/** A filter this small is searched exactly rather than through the graph. */
const EXACT_FILTER_LIMIT = 2000

/** Confidence below which the corpus is taken to have nothing relevant. */
export const NOTHING_RELEVANT_THRESHOLD = 0.5

/** Whether a lower-cased text contains one of a Chinese word's CC-CEDICT glosses as whole words. */
function englishGlossIn(glosses: string[], lowerText: string): boolean {
  return glosses.some((g) => {
    const gloss = g.toLowerCase().replace(/^(to|a|an|the) /, '')
    return gloss.length >= 4 && new RegExp(`\\b${gloss.replace(/[^a-z0-9 ]/g, '')}`).test(lowerText)
  })
}

/** Reciprocal rank fusion of ranked lists of chunk indexes. */
export function reciprocalRankFusion(lists: { ranking: number[]; weight: number }[], k = 60): { index: number; score: number }[] {
  const scores = new Map<number, number>()
  for (const { ranking, weight } of lists)
    ranking.forEach((index, rank) => {
      scores.set(index, (scores.get(index) ?? 0) + weight / (k + rank + 1))
    })
  return [...scores.entries()].map(([index, score]) => ({ index, score })).sort((a, b) => b.score - a.score || a.index - b.index)
}

// a BM25 leader scoring this many times the runner-up matches what the question names, as no other passage does
// (measured on the tune questions: 2 gave hybrid MRR 0.768, 1.5 0.785, 1.3 0.801 with the best answers, 1.1 0.819)
const DECISIVE_LEAD = 1.3

/**
 * Rank fusion sees ranks, not margins: a passage BM25 ranks first by far (the one naming a rare term
 * of the question) can fall below passages both lists rank middling. Such a leader is put first.
 */
export function withDecisiveLexicalLeader(
  fused: { index: number; score: number }[],
  lexical: { index: number; score: number }[],
): { index: number; score: number }[] {
  if (lexical.length < 2 || lexical[0].score < DECISIVE_LEAD * lexical[1].score) return fused
  const top = fused[0]?.score ?? 0
  return fused.map((f) => (f.index === lexical[0].index ? { ...f, score: top + 1e-6 } : f)).sort((a, b) => b.score - a.score || a.index - b.index)
}

// where a passage having the question's acronym is placed when fusion ranks it lower (third)
const ACRONYM_PLACE = 2

/**
 * An acronym the question names (NICA, AUKUS) that the corpus writes is as telling as a name, but the
 * dense list cannot read it: when none of the first three fused passages has it, the passage BM25 ranks
 * first among those having it takes the third place (a second acronym's the fourth; after passages
 * tied with the one above, whose order by chunk id is kept).
 */
export function withQuestionAcronyms(
  fused: { index: number; score: number }[],
  lexical: { index: number; lexicalGroups: number[] }[],
  acronymGroups: number[],
): { index: number; score: number }[] {
  let out = fused
  let place = ACRONYM_PLACE
  for (const group of acronymGroups) {
    const having = new Set(lexical.filter((c) => c.lexicalGroups.includes(group)).map((c) => c.index))
    if (!having.size || out.length <= place || out.slice(0, place + 1).some((f) => having.has(f.index))) continue
    const best = lexical.find((c) => having.has(c.index))!
    const rest = out.filter((f) => f.index !== best.index)
    const [above, below] = [rest[place - 1].score, rest[place]?.score ?? 0]
    // strictly between the two, or just below a tie (an exact position would break the ties' order)
    const score = above > below ? (above + below) / 2 : below - 1e-9
    out = [...rest, { index: best.index, score }].sort((a, b) => b.score - a.score || a.index - b.index)
    place++
  }
  return out
}

/** Overlapping chunks of one place (chunk overlap, or a passage and its neighbour) count once. */
export function dedupeOverlapping<T extends { chunk: Pick<Chunk, 'docId' | 'kind' | 'start' | 'end'> }>(ranked: T[]): T[] {
  const kept: T[] = []
  for (const item of ranked) {
    const c = item.chunk
    const overlaps = kept.some(({ chunk: k }) => {
      if (k.docId !== c.docId || k.kind !== c.kind) return false
      const shared = Math.min(k.end, c.end) - Math.max(k.start, c.start)
      return shared > 0.5 * Math.min(k.end - k.start, c.end - c.start)
    })
    if (!overlaps) kept.push(item)
  }
  return kept
}

/**
 * The best `k` fused candidates without overlaps, reading where each one is (a store lookup) in score
 * order and only as far as needed: the whole tie group at the cut is read, because equal scores are
 * ordered by chunk id, not by label (labels depend on the order documents were added).
 */
export function bestCandidates<T extends { index: number; score: number }>(
  fused: T[],
  k: number,
  infoAt: (label: number) => ChunkInfo | undefined,
): (T & { chunk: ChunkInfo })[] {
  const order = [...fused].sort((a, b) => b.score - a.score)
  const taken: (T & { chunk: ChunkInfo })[] = []
  const ranked = () => dedupeOverlapping(taken.sort((a, b) => b.score - a.score || (a.chunk.id < b.chunk.id ? -1 : a.chunk.id > b.chunk.id ? 1 : 0)))
  for (let i = 0; i < order.length; i++) {
    if (i > 0 && order[i].score < order[i - 1].score && ranked().length >= k) break
    const chunk = infoAt(order[i].index)
    if (chunk) taken.push({ ...order[i], chunk })
  }
  return ranked().slice(0, k)
}

/** The query groups that are an acronym as the question writes it (NICA), in either language, which no dictionary translates. */
function acronymGroups(analysis: QueryAnalysis): number[] {
  const acronyms = new Set((analysis.question.match(/(?<![A-Za-z])[A-Z][A-Z0-9&]{1,9}(?![A-Za-z])/g) ?? []).map((a) => a.toLowerCase()))
  const untranslated = (g: QueryTermGroup) => g.terms.every((t) => /^[a-z0-9&]+$/.test(t))
  return analysis.groups.flatMap((g, i) => (untranslated(g) && g.source && acronyms.has(g.source.toLowerCase()) ? [i] : []))
}

/** Hybrid passage retrieval: BM25 over jieba terms (with English→Chinese translations) + HNSW, fused. */
export class Retriever {
  readonly dictionary: EnglishChineseDictionary

  constructor(
    readonly index: LoadedIndex,
    readonly embedder: Embedder,
    readonly options: RetrieverOptions = DEFAULT_RETRIEVER_OPTIONS,
    readonly reranker?: Reranker,
    /** a dictionary built for the same glossary (building one takes a while) */
    dictionary?: EnglishChineseDictionary,
  ) {
    loadGlossaryIntoSegmenter(index.manifest.glossary as Glossary | undefined)
    this.dictionary = dictionary ?? new EnglishChineseDictionary(index.manifest.glossary as Glossary | undefined)
  }

  static async open(
    config: { INDEX_DIR: string; CACHE_DIR: string; EMBEDDER: string; RERANKER?: string; DENSE_WEIGHT?: number; LEXICAL_WEIGHT?: number },
    options: { onNotice?: (message: string) => void; turns?: Turns } = {},
  ) {
    const index = await loadIndex(config.INDEX_DIR, { embedderId: config.EMBEDDER, onNotice: options.onNotice })
    const embedder = await createEmbedder(config.EMBEDDER, { cacheDir: config.CACHE_DIR })
    const reranker = config.RERANKER ? await CrossEncoderReranker.load(config.RERANKER, { cacheDir: config.CACHE_DIR }) : undefined
    return new Retriever(
      index,
      embedder,
      { ...DEFAULT_RETRIEVER_OPTIONS, denseWeight: config.DENSE_WEIGHT ?? 1, lexicalWeight: config.LEXICAL_WEIGHT ?? 1, turns: options.turns },
      reranker,
    )
  }

  /** The same retriever (embedder, reranker, options) over another generation of the index. */
  withIndex(index: LoadedIndex): Retriever {
    const sameGlossary = JSON.stringify(index.manifest.glossary) === JSON.stringify(this.index.manifest.glossary)
    return new Retriever(index, this.embedder, this.options, this.reranker, sameGlossary ? this.dictionary : undefined)
  }

  /** A passage by chunk id, or undefined when it is not in the index (any more). */
  chunk(chunkId: string): Chunk | undefined {
    return this.index.chunkById(chunkId)
  }

  document(docId: string): SourceDocument | undefined {
    return this.index.document(docId)
  }

  analyze(question: string): QueryAnalysis {
    return analyzeQuery(question, this.dictionary, (term) => this.index.lexical.has(term))
  }

  private lexicalRanking(groups: QueryTermGroup[], accept?: Set<number>): Candidate[] {
    return this.index.lexical
      .search(groups, this.options.depth, accept && ((label) => accept.has(label)))
      .map((r) => ({ index: r.doc, score: r.score, lexicalGroups: r.groups }))
  }

  /** HNSW neighbours; inside a filter, the graph search skips other labels (a small set is searched exactly). */
  private denseRanking(vector: Float32Array, accept?: Set<number>): Candidate[] {
    const query = Array.from(vector)
    if (accept && accept.size <= EXACT_FILTER_LIMIT) {
      return [...accept]
        .map((label) => ({ index: label, score: dot(vector, Float32Array.from(this.index.hnsw.getPoint(label))), lexicalGroups: [] }))
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .slice(0, this.options.depth)
    }
    const n = accept ? accept.size : this.index.manifest.chunkCount
    const k = Math.max(0, Math.min(this.options.depth, n))
    if (!k) return []
    const { neighbors, distances } = this.index.hnsw.searchKnn(query, k, accept && ((label) => accept.has(label)))
    return neighbors.map((index, i) => ({ index, score: 1 - distances[i], lexicalGroups: [] }))
  }

  /**
   * Share of the question's content terms (weighted by how specific they are) that one passage
   * contains. A Chinese term also counts when the passage gives its English dictionary gloss
   * (English titles in reference lists); words about the question itself do not count.
   */
  coverage(analysis: QueryAnalysis, indexText: string): number {
    const groups = analysis.groups.filter((g) => !g.meta)
    const weight = (g: QueryTermGroup) => (g.untranslated ? 0.3 : 1) * g.weight
    const total = groups.reduce((s, g) => s + weight(g), 0)
    if (!total) return 0
    const text = indexText.toLowerCase()
    const latin = /[a-z]{3}/.test(text)
    const matched = groups.filter((g) =>
      g.terms.some((t) => containsTerm(text, t) || (latin && isHan(t) && englishGlossIn(this.dictionary.glosses(t, 4), text))),
    )
    return matched.reduce((s, g) => s + weight(g), 0) / total
  }

  search(
    question: string,
    k = 5,
    mode: RetrievalMode = 'hybrid',
    filter?: { docId?: string },
  ): Promise<SearchResult & { analysis: QueryAnalysis; queryVector?: Float32Array }> {
    return (this.options.turns ?? atOnce)(() => this.searchNow(question, k, mode, filter))
  }

  private async searchNow(
    question: string,
    k: number,
    mode: RetrievalMode,
    filter?: { docId?: string },
  ): Promise<SearchResult & { analysis: QueryAnalysis; queryVector?: Float32Array }> {
    const analysis = this.analyze(question)
    const lists: { ranking: number[]; weight: number }[] = []
    let queryVector: Float32Array | undefined
    // a document filter is applied inside both searches, so each still yields its full depth
    const accept = filter?.docId !== undefined ? new Set(this.index.labelsOf(filter.docId)) : undefined
    // where each candidate is, read from the store once per search; a chunk gone since this generation
    // was opened is skipped. Unfiltered, the first k read are nearly always shown: read whole at once
    // (one read, not two); the rest without their document's text (decompressing it costs)
    const infos = new Map<number, ChunkInfo | Chunk | undefined>()
    const infoAt = (label: number) => {
      if (!infos.has(label)) infos.set(label, !accept && infos.size < k ? this.index.chunk(label) : this.index.chunkInfo(label))
      return infos.get(label)
    }
    let lexicalCandidates: Candidate[] = []
    if (mode !== 'dense') {
      lexicalCandidates = this.lexicalRanking(analysis.groups, accept)
      const lexical = lexicalCandidates.map((c) => c.index)
      lists.push({ ranking: lexical, weight: this.options.lexicalWeight })
      // a question about what is cited: the reference entries get a ranking of their own
      if (analysis.citationIntent) lists.push({ ranking: lexical.filter((i) => infoAt(i)?.kind === 'reference'), weight: this.options.lexicalWeight })
    }
    if (mode !== 'lexical') {
      queryVector = await this.embedder.embedQuery(analysis.denseText)
      lists.push({ ranking: this.denseRanking(queryVector, accept).map((c) => c.index), weight: this.options.denseWeight })
    }
    let fused = reciprocalRankFusion(lists, this.options.rrfK)
    if (mode === 'hybrid') fused = withQuestionAcronyms(withDecisiveLexicalLeader(fused, lexicalCandidates), lexicalCandidates, acronymGroups(analysis))
    if (this.reranker && fused.length) {
      const head = fused.slice(0, 20)
      const scores = await this.reranker.score(
        analysis.normalized,
        head.map((f) => this.index.chunk(f.index)?.indexText ?? ''),
      )
      fused = head.map((f, i) => ({ ...f, score: scores[i] })).sort((a, b) => b.score - a.score)
    }
    const ranked = bestCandidates(fused, k, (label) => {
      const chunk = infoAt(label)
      return chunk && (filter?.docId === undefined || chunk.docId === filter.docId) ? chunk : undefined
    }).flatMap((r) => {
      const chunk = 'text' in r.chunk ? (r.chunk as Chunk) : this.index.chunk(r.index)
      return chunk ? [{ ...r, chunk }] : []
    })
    const confidence = ranked.length ? Math.max(...ranked.slice(0, 3).map((r) => this.coverage(analysis, r.chunk.indexText))) : 0
    const results: Passage[] = ranked.map((r, i) => this.toPassage(r.chunk, i + 1, r.score, analysis))
    return { query: question, lang: analysis.lang, results, confidence, analysis, queryVector }
  }

  /** For a reference-entry chunk: the passage chunk holding the entry's first marker, and the sentence it marks. */
  citingChunk(referenceChunkId: string): { chunk: Chunk; sentence: string } | undefined {
    const entry = this.index.chunkById(referenceChunkId)
    const doc = entry && this.index.document(entry.docId)
    const ref = doc?.references.find((r) => r.id === entry?.refId)
    const at = ref?.citedAt[0]?.start ?? (ref?.sameAs ? doc?.references.find((r) => r.id === ref.sameAs)?.citedAt[0]?.start : undefined)
    if (at === undefined) return undefined
    // of the overlapping chunks around the marker, the one where it sits furthest from the edges
    const chunk = this.index
      .chunksOf(entry!.docId)
      .filter((c) => c.kind === 'passage' && c.start <= at && at < c.end)
      .sort((a, b) => Math.min(b.end - at, at - b.start) - Math.min(a.end - at, at - a.start))[0]
    return chunk && { chunk, sentence: citingSentence(doc!, at) }
  }

  toPassage(chunk: Chunk, rank: number, score: number, analysis?: QueryAnalysis): Passage {
    const lower = chunk.indexText.toLowerCase()
    const matched = analysis ? [...new Set(analysis.groups.flatMap((g) => g.terms.filter((t) => isHan(t) && containsTerm(lower, t))))] : undefined
    return {
      rank,
      chunkId: chunk.id,
      docId: chunk.docId,
      title: this.index.title(chunk.docId) ?? chunk.docId,
      section: chunk.section.join(' > '),
      text: chunk.text,
      score: Number(score.toFixed(6)),
      kind: chunk.kind,
      start: chunk.start,
      end: chunk.end,
      ...(chunk.page !== undefined ? { page: chunk.page } : {}),
      ...(chunk.pageEnd !== undefined ? { pageEnd: chunk.pageEnd } : {}),
      ...(matched ? { matched } : {}),
      ...this.repeatedEntry(chunk),
    }
  }

  /** For an "Ibid." note entry: the entry it repeats, since "③ Ibid." alone tells a reader nothing. */
  private repeatedEntry(chunk: Chunk): { repeats: string } | undefined {
    if (chunk.kind !== 'reference' || !IBID.test(chunk.text)) return undefined
    const doc = this.index.document(chunk.docId)
    const sameAs = doc?.references.find((r) => r.id === chunk.refId)?.sameAs
    const original = sameAs ? doc?.references.find((r) => r.id === sameAs) : undefined
    return original ? { repeats: original.text } : undefined
  }
}

/** A cheap test before the document is read: only such entries can repeat another. */
const IBID = /ibid|同上/i
