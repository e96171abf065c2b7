import { chineseIdf, cleanGloss, sensesOf } from '../text/dictionary'
import { getJieba } from '../text/segment'
import type { Passage, SearchResult, SourceDocument } from '../types'
import type { QueryAnalysis } from './analyze'
import type { Retriever } from './retriever'

/** What the answer side needs from retrieval, and nothing more. */
export interface RetrievalSource {
  analyze(question: string): QueryAnalysis
  /** the k best passages (inside one document when `filter.docId` is given) */
  search(question: string, k: number, filter?: { docId?: string }): Promise<SearchResult & { analysis: QueryAnalysis; queryVector?: Float32Array }>
  document(docId: string): SourceDocument | undefined
  /** every document's id and authors (for questions naming an author) */
  authorList(): { id: string; authors: string[] }[]
  /** for a reference entry: the passage carrying its first marker, and the sentence it marks */
  citingPassage(referenceChunkId: string): { passage: Passage; sentence: string } | undefined
  /** the passage holding a place of a document's text: of the overlapping ones, the one starting nearest before it */
  passageAt(docId: string, offset: number): Passage | undefined
  embedQuery(text: string): Promise<Float32Array>
  embedDocuments(texts: string[]): Promise<Float32Array[]>
  /** CC-CEDICT's English senses of a Chinese word, in dictionary order, with their usage notes */
  senses(word: string): string[]
  /** the dictionary's exact Chinese renderings of English words, whether or not the corpus has them */
  chineseFor(englishWords: string[]): string[]
  /** the corpus glossary's renderings of English words (none when it has no entry): the field's own usage */
  glossaryFor(englishWords: string[]): string[]
  /** whether the corpus has the term (a Chinese word or an English stem) anywhere */
  mentions(term: string): boolean
  /** a Chinese proper name's gloss ('' when the dictionary lacks the word); undefined for a common word */
  nameGloss(word: string): string | undefined
  /** whether the dictionary renders the English words as a proper noun (a capitalised gloss: "Kazan", "Africa") */
  properNoun(english: string): boolean
  /** the Chinese name of the place an English word names (washington: 华盛顿), undefined when it names none */
  placeName(english: string): string | undefined
}

const authorLists = new WeakMap<object, { id: string; authors: string[] }[]>()

/** Authors by document, once per index generation (a new index is a new object). */
function authorListOf(retriever: Retriever): { id: string; authors: string[] }[] {
  const index = retriever.index
  let list = authorLists.get(index)
  if (!list) {
    list = index.documents.map((d) => ({ id: d.id, authors: d.meta.authors }))
    authorLists.set(index, list)
  }
  return list
}

/** The narrow view of a Retriever the answerer works with. */
export function retrievalSource(retriever: Retriever): RetrievalSource {
  return {
    analyze: (q) => retriever.analyze(q),
    search: (q, k, filter) => retriever.search(q, k, 'hybrid', filter),
    document: (docId) => retriever.index.document(docId),
    authorList: () => authorListOf(retriever),
    citingPassage(referenceChunkId) {
      const citing = retriever.citingChunk(referenceChunkId)
      return citing && { passage: retriever.toPassage(citing.chunk, 0, 0), sentence: citing.sentence }
    },
    passageAt(docId, offset) {
      const holding = retriever.index.chunksOf(docId).filter((c) => c.kind === 'passage' && c.start <= offset && offset < c.end)
      const chunk = holding.sort((a, b) => b.start - a.start)[0]
      return chunk && retriever.toPassage(chunk, 0, 0)
    },
    embedQuery: (text) => retriever.embedder.embedQuery(text),
    embedDocuments: (texts) => retriever.embedder.embedDocuments(texts),
    senses: sensesOf,
    chineseFor: (words) => renderingsOf(retriever, words),
    glossaryFor: (words) => retriever.dictionary.glossaryLookup(words),
    mentions: (term) => retriever.index.lexical.has(term),
    nameGloss: (word) => {
      const senses = sensesOf(word)
      return !senses.length ? '' : /^[A-Z]/.test(senses[0]) ? senses[0] : undefined
    },
    placeName: (english) => (isProperNoun(retriever, english) ? renderingsOf(retriever, [english]).find(isPlaceWord) : undefined),
    properNoun: (english) => isProperNoun(retriever, english),
  }
}

/** The dictionary's exact Chinese renderings of English words, closest first. */
function renderingsOf(retriever: Retriever, words: string[]): string[] {
  // renderings whose first gloss is these very words first (Kazakhstan: 哈萨克斯坦 before 哈萨克 "Kazakh; Kazakhstan"),
  // the commoner word first among equals (Africa: 非洲 before 阿非利加)
  const phrase = words.join(' ').toLowerCase()
  const closeness = (zh: string) => {
    const parts = sensesOf(zh).flatMap((g) =>
      cleanGloss(g)
        .toLowerCase()
        .split(/[;,]/)
        .map((p) => p.trim()),
    )
    return parts[0] === phrase ? 2 : parts.includes(phrase) ? 1 : 0
  }
  const ranked = [...new Set(retriever.dictionary.lookup(words))]
    .map((zh) => ({ zh, fit: closeness(zh) }))
    .sort((a, b) => b.fit - a.fit || chineseIdf(a.zh) - chineseIdf(b.zh))
  // when some rendering means just these words, drop those that merely list them (七国集团 for Japan)
  const best = ranked[0]?.fit ?? 0
  return ranked.filter((r) => best < 2 || r.fit > 0).map((r) => r.zh)
}

/** Whether the dictionary renders the English words as a proper noun (a capitalised gloss: "Kazan", "Africa"). */
function isProperNoun(retriever: Retriever, english: string): boolean {
  const words = english.split(' ')
  const lower = english.toLowerCase()
  return retriever.dictionary.lookup(words).some((zh) =>
    sensesOf(zh).some(
      (g) =>
        /^[A-Z]/.test(g) &&
        cleanGloss(g)
          .toLowerCase()
          .split(/[;,]/)
          .some((part) => part.trim() === lower),
    ),
  )
}

// what a place's dictionary entry says it is (莫斯科 "Moscow, capital of Russia"; jieba tags it a person's name)
const PLACE_GLOSS = /\b(city|capital|province|state|country|county|region|island|district|town)\b/i

/** Whether a Chinese word names a place: jieba tags it one, or its first sense is a capitalised name glossed as a place. */
function isPlaceWord(zh: string): boolean {
  const tags = getJieba().tag(zh, true)
  if (tags.every((t) => t.tag === 'ns')) return true
  const first = sensesOf(zh)[0] ?? ''
  return /^[A-Z]/.test(first) && PLACE_GLOSS.test(first)
}

/** Callers may hand the answerer a Retriever or any other source. */
export type RetrieverLike = Retriever | RetrievalSource

export function toSource(r: RetrieverLike): RetrievalSource {
  return 'citingPassage' in r ? r : retrievalSource(r)
}
