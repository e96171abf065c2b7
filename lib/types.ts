// Plain data passed between stages. Offsets are UTF-16 indices into SourceDocument.text.

export type Lang = 'zh' | 'en' | 'mixed'

export interface DocumentMeta {
  title: string
  titleEn?: string
  authors: string[]
  affiliation?: string
  venue?: string
  year?: number
  volume?: string
  issue?: string
  pages?: string
  url?: string
}

export type BlockKind = 'title' | 'byline' | 'heading' | 'paragraph' | 'note'

export interface Block {
  kind: BlockKind
  start: number
  end: number
  /** heading depth (1 = top); inline headings cover only the lead sentence of a paragraph */
  level?: number
  /** for 'note' blocks: the reference entry they hold */
  refId?: string
  lang?: 'zh' | 'en'
}

export interface Section {
  title: string
  level: number
  /** where the heading text is */
  start: number
  end: number
  /** set when the section covers only the block it starts (an abstract) */
  blockEnd?: number
}

/** A source's own footnote/reference marker in the text (e.g. ①, *, [3]). */
export interface Marker {
  label: string
  start: number
  end: number
  refId?: string
}

export interface ReferenceFields {
  authors?: string
  title?: string
  publication?: string
  date?: string
  url?: string
  accessed?: string
  pages?: string
}

/** An entry of the source's own footnotes / reference list. */
export interface Reference {
  id: string
  label: string
  /** the entry's text as the source gives it (without the label) */
  text: string
  start: number
  end: number
  fields: ReferenceFields
  /** for "Ibid." entries: the entry they repeat */
  sameAs?: string
  /** marker positions in the text that cite this entry */
  citedAt: { start: number; end: number }[]
}

/** A stretch of the normalized text that comes from one page of the source. */
export interface PageSpan {
  start: number
  end: number
  page: number
}

export interface SourceDocument {
  id: string
  fileName: string
  sha256: string
  encoding: string
  meta: DocumentMeta
  text: string
  blocks: Block[]
  sections: Section[]
  markers: Marker[]
  references: Reference[]
  /** for paged sources (PDF): the number of pages and which page each stretch of text is on */
  pageCount?: number
  pageSpans?: PageSpan[]
  /** what the user should know about the file (e.g. pages without a text layer) */
  notices?: string[]
}

export type ChunkKind = 'passage' | 'reference'

export interface Chunk {
  id: string
  docId: string
  kind: ChunkKind
  /** section titles from the top down */
  section: string[]
  start: number
  end: number
  /** display text: the document text between start and end, markers kept */
  text: string
  /** what is embedded and indexed: markers removed, plus context for reference entries */
  indexText: string
  refId?: string
  /** the source page the chunk starts on, and the page it ends on when that is a later one */
  page?: number
  pageEnd?: number
}

export interface Passage {
  rank: number
  chunkId: string
  docId: string
  title: string
  section: string
  text: string
  score: number
  kind: ChunkKind
  start: number
  end: number
  /** query terms (original or translated) found in the passage */
  matched?: string[]
  page?: number
  pageEnd?: number
  /** for an "Ibid." note entry: the text of the entry it repeats (the source a reader is after) */
  repeats?: string
}

export interface SearchResult {
  query: string
  lang: Lang
  results: Passage[]
  /** calibrated 0..1 confidence that the top passage is relevant */
  confidence: number
}

export interface Citation {
  n: number
  chunkId: string
  docId: string
  quote: string
  page?: number
  pageEnd?: number
}

export interface Answer {
  question: string
  lang: Lang
  mode: 'extractive' | 'llm'
  answer: string
  abstained: boolean
  citations: Citation[]
  passages: Passage[]
  warnings?: string[]
}
