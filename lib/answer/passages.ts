import { withoutMarkers } from '../chunk/chunk'
import type { Passage, SourceDocument } from '../types'
import type { CitationData } from './ui'

/** A retrieved passage under the number the answer cites it by: what the chat shows, plus what the answerer uses. */
export interface CitedPassage extends Omit<CitationData, 'cited'> {
  /** the same words without the source's note markers: what quotes and prompts use */
  plain: string
  /** for a reference entry: the number of the passage whose marker cites it */
  citedBy?: number
  /** for a reference entry: the sentence of the text that carries its marker */
  citingSentence?: string
  /** set once the answer is complete */
  cited?: boolean
}

// the label a note entry starts with: *, **, ①, [3], 3.
const NOTE_LABEL = /^\s*(?:\*+|[\u2460-\u2473]|\[\d+\]|\d+[.、])\s*/

export function numberPassages(passages: Passage[], documentOf: (docId: string) => SourceDocument | undefined): CitedPassage[] {
  return passages.map((p, i) => {
    const doc = documentOf(p.docId)
    return {
      n: i + 1,
      chunkId: p.chunkId,
      docId: p.docId,
      title: p.title,
      section: p.section,
      kind: p.kind,
      text: p.text,
      plain: p.kind === 'reference' ? p.text.replace(NOTE_LABEL, '') : doc ? withoutMarkers(doc, p.start, p.end).trim() : p.text,
      start: p.start,
      end: p.end,
      matched: p.matched ?? [],
      ...(p.page !== undefined ? { page: p.page } : {}),
      ...(p.pageEnd !== undefined ? { pageEnd: p.pageEnd } : {}),
      ...(p.repeats ? { repeats: p.repeats } : {}),
    }
  })
}
