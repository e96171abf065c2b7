import { createHash } from 'node:crypto'
import { pagesOf } from '../corpus/pages'
import type { Block, Chunk, SourceDocument } from '../types'
import { type Span, splitSentences } from './sentences'

export interface ChunkOptions {
  /** chunks grow to at least this many characters when the section allows */
  minChars: number
  /** and never beyond this, unless one sentence alone is longer */
  maxChars: number
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { minChars: 300, maxChars: 500 }
/**
 * Bump when reading or chunking changes what is stored, so an index built by older code is rebuilt
 * (5: a document without a byline takes a standalone first line as its title).
 */
export const CHUNKER_VERSION = 5

/** Section titles (top down) in force at each body block. */
export function sectionPaths(doc: SourceDocument): Map<Block, string[]> {
  const paths = new Map<Block, string[]>()
  const sections = [...doc.sections].sort((a, b) => a.start - b.start)
  let stack: typeof sections = []
  let next = 0
  for (const block of doc.blocks) {
    while (next < sections.length && sections[next].start <= block.start) {
      const s = sections[next++]
      stack = stack.filter((open) => open.level < s.level)
      stack.push(s)
    }
    stack = stack.filter((s) => s.blockEnd === undefined || block.start < s.blockEnd)
    paths.set(
      block,
      stack.map((s) => s.title),
    )
  }
  return paths
}

/** Remove the source's own note markers from a span of the document (for embedding and matching). */
export function withoutMarkers(doc: SourceDocument, start: number, end: number): string {
  let out = ''
  let cursor = start
  for (const m of doc.markers) {
    if (m.start < start || m.end > end) continue
    out += doc.text.slice(cursor, m.start)
    cursor = m.end
  }
  return out + doc.text.slice(cursor, end)
}

/**
 * Where a quote taken from a span's marker-free text (`withoutMarkers`) stands in the document:
 * the offsets of its first and last characters, the source's markers inside it included.
 */
export function quoteSpan(doc: SourceDocument, start: number, end: number, quote: string): { start: number; end: number } | undefined {
  const wanted = quote.trim()
  const found = wanted ? withoutMarkers(doc, start, end).indexOf(wanted) : -1
  if (found < 0) return undefined
  // a marker-free offset in the document: past each marker (the ones withoutMarkers cut) at or before it
  const markers = doc.markers.filter((m) => m.start >= start && m.end <= end)
  const inDocument = (offset: number) => markers.reduce((at, m) => (m.start <= at ? at + m.end - m.start : at), start + offset)
  return { start: inDocument(found), end: inDocument(found + wanted.length - 1) + 1 }
}

function chunkId(docId: string, kind: string, section: string[], text: string, seen: Set<string>): string {
  const base = `${docId}:${kind === 'reference' ? 'r' : 'p'}:${createHash('sha1')
    .update(`${section.join('/')}\n${text}`)
    .digest('hex')
    .slice(0, 10)}`
  let id = base
  for (let n = 2; seen.has(id); n++) id = `${base}-${n}`
  seen.add(id)
  return id
}

// imported when first needed: the library takes about a second to load, and searching never needs it
const longSentenceSplitter = async (maxChars: number) => {
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters')
  return new RecursiveCharacterTextSplitter({ chunkSize: maxChars, chunkOverlap: 0, separators: ['，', ',', '、', '：', ' ', ''], keepSeparator: true })
}

/** Split an over-long sentence at clause boundaries (character offsets kept). */
async function splitLongSentence(text: string, span: Span, maxChars: number): Promise<Span[]> {
  const pieces = await (await longSentenceSplitter(maxChars)).splitText(text.slice(span.start, span.end))
  const spans: Span[] = []
  let cursor = span.start
  for (const piece of pieces) {
    const at = text.indexOf(piece, cursor)
    if (at < 0) continue
    spans.push({ start: at, end: at + piece.length })
    cursor = at + piece.length
  }
  return spans.length ? spans : [span]
}

/**
 * Sentence-aware chunks within each section: about minChars..maxChars characters, the last
 * sentence of a chunk repeated at the start of the next, never cutting a sentence unless it alone
 * is too long. The source's note entries become chunks of kind 'reference'.
 */
export async function chunkDocument(doc: SourceDocument, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Promise<Chunk[]> {
  const { minChars, maxChars } = options
  const paths = sectionPaths(doc)
  const seen = new Set<string>()
  const chunks: Chunk[] = []

  // Runs of body blocks under the same section path.
  const runs: { path: string[]; blocks: Block[] }[] = []
  for (const block of doc.blocks) {
    if (block.kind !== 'heading' && block.kind !== 'paragraph') continue
    const path = paths.get(block)!
    const last = runs[runs.length - 1]
    if (last && last.path.join('\u0000') === path.join('\u0000')) last.blocks.push(block)
    else runs.push({ path, blocks: [block] })
  }

  for (const run of runs) {
    if (run.blocks.every((b) => b.kind === 'heading')) continue // a heading with nothing under it
    const sentences: Span[] = []
    for (const block of run.blocks) {
      for (const s of splitSentences(doc.text.slice(block.start, block.end), block.start)) {
        if (s.end - s.start > maxChars) sentences.push(...(await splitLongSentence(doc.text, s, maxChars)))
        else sentences.push(s)
      }
    }
    const spans: Span[] = []
    let first = 0
    while (first < sentences.length) {
      let last = first
      while (last + 1 < sentences.length && sentences[last + 1].end - sentences[first].start <= maxChars) last++
      spans.push({ start: sentences[first].start, end: sentences[last].end })
      if (last + 1 >= sentences.length) break
      // overlap by one sentence when it is short enough to leave room for new text
      const overlap = last > first && sentences[last].end - sentences[last].start <= maxChars - minChars
      first = overlap ? last : last + 1
    }
    // fold a short tail into the chunk before it
    if (spans.length > 1) {
      const tail = spans[spans.length - 1]
      const prev = spans[spans.length - 2]
      if (tail.end - tail.start < minChars / 2 && tail.end - prev.start <= maxChars * 1.3) {
        prev.end = tail.end
        spans.pop()
      }
    }
    const title = run.path[run.path.length - 1]
    for (const span of spans) {
      const text = doc.text.slice(span.start, span.end)
      let indexText = withoutMarkers(doc, span.start, span.end)
      // the section title gives each chunk its topic, also when the heading is in an earlier chunk
      if (title && !indexText.includes(title)) indexText = `${title}\n${indexText}`
      chunks.push({
        id: chunkId(doc.id, 'passage', run.path, text, seen),
        docId: doc.id,
        kind: 'passage',
        section: run.path,
        start: span.start,
        end: span.end,
        text,
        indexText,
        ...pagesOf(doc.pageSpans, doc.text, span.start, span.end),
      })
    }
  }

  for (const ref of doc.references) {
    const text = doc.text.slice(ref.start, ref.end)
    // what the citing sentences say is how a reader asks for a source ("which source is cited for X?")
    const context = ref.citedAt.map((c) => citingSentence(doc, c.start)).filter(Boolean)
    const original = ref.sameAs ? doc.references.find((r) => r.id === ref.sameAs) : undefined
    chunks.push({
      id: chunkId(doc.id, 'reference', ['注释'], text, seen),
      docId: doc.id,
      kind: 'reference',
      section: ['注释'],
      start: ref.start,
      end: ref.end,
      text,
      indexText: [original ? original.text : ref.text, ...new Set(context)].join('\n'),
      refId: ref.id,
      ...pagesOf(doc.pageSpans, doc.text, ref.start, ref.end),
    })
  }
  return chunks
}

/** The sentence around a position (marker removed), or the whole block if it is short. */
export function citingSentence(doc: SourceDocument, position: number): string {
  const block = doc.blocks.find((b) => b.start <= position && position <= b.end)
  if (!block || block.kind === 'title' || block.kind === 'byline') return ''
  const spans = splitSentences(doc.text.slice(block.start, block.end), block.start)
  // a marker sits after the sentence's closing punctuation, so it belongs to the sentence it follows
  const index = spans.findIndex((s) => position <= s.end)
  const span = index < 0 ? spans[spans.length - 1] : position === spans[index].start && index > 0 ? spans[index - 1] : spans[index]
  return span ? withoutMarkers(doc, span.start, span.end).trim() : ''
}
