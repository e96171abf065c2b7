// Types shared by the chat route and the chat page (no server code: the browser imports this).
import type { UIMessage } from 'ai'
import type { Answer, Lang } from '../types'

/** The longest question the chat route takes (the page says so before sending, the route refuses longer ones). */
export const MAX_QUESTION_CHARS = 2000

/** One numbered passage as the chat shows it: what a citation chip opens. */
export interface CitationData {
  n: number
  chunkId: string
  docId: string
  title: string
  section: string
  kind: 'passage' | 'reference'
  /** the passage as in the document (its own note markers kept) */
  text: string
  start: number
  end: number
  /** query terms (or their Chinese translations) found in it */
  matched: string[]
  cited: boolean
  /** the source page(s), for paged documents */
  page?: number
  pageEnd?: number
  /** for an "Ibid." note entry: the text of the entry it repeats */
  repeats?: string
  /** the sentence the answer quotes from it, as document offsets inside start..end */
  quote?: { start: number; end: number }
}

/** The viewer's address for a passage, with the quoted sentence when the answer quotes one. */
export function documentHref(p: Pick<CitationData, 'docId' | 'chunkId' | 'quote'>): string {
  const quote = p.quote ? `&quote=${p.quote.start}-${p.quote.end}` : ''
  return `/docs/${encodeURIComponent(p.docId)}?chunk=${encodeURIComponent(p.chunkId)}${quote}`
}

export interface AnswerMetaData {
  mode: Answer['mode']
  embedder: string
  lang: Lang
  /** the question retrieval used, when a follow-up was rewritten */
  standalone?: string
  abstained?: boolean
  warnings?: string[]
}

export type ChatDataParts = {
  citations: { passages: CitationData[] }
  meta: AnswerMetaData
  notice: { message: string }
}

export type ChatMessage = UIMessage<never, ChatDataParts>

/** The plain text of a message (its text parts joined). */
export function messageText(message: { parts: { type: string; text?: string }[] }): string {
  return message.parts.map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('')
}
