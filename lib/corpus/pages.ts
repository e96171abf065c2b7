import type { PageSpan } from '../types'

const WORD_CHAR = /[\p{L}\p{N}]/u
const WINDOW = 8

/** Letters and digits of a text with where each is: what survives normalization unchanged. */
function wordChars(text: string): { chars: string; at: number[] } {
  let chars = ''
  const at: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (WORD_CHAR.test(text[i])) {
      chars += text[i]
      at.push(i)
    }
  }
  return { chars, at }
}

/**
 * Which page each stretch of the normalized text comes from. The normalizer joins lines, drops
 * furniture and moves notes, but keeps letters and digits in order within a passage: the
 * normalized text's letters are matched to the pages' letters, resynchronizing on a short window
 * where they part (a moved note, a removed marker).
 */
export function pageSpans(text: string, pages: string[]): PageSpan[] {
  let raw = ''
  const rawPage: number[] = []
  pages.forEach((p, i) => {
    const { chars } = wordChars(p)
    raw += chars
    for (let k = 0; k < chars.length; k++) rawPage.push(i + 1)
  })
  const norm = wordChars(text)
  const pageOf = new Array<number>(norm.chars.length)
  let r = 0
  for (let k = 0; k < norm.chars.length; k++) {
    if (raw[r] !== norm.chars[k]) {
      const window = norm.chars.slice(k, k + WINDOW)
      let found = raw.indexOf(window, r)
      if (found < 0) found = raw.indexOf(window)
      if (found >= 0) r = found
    }
    if (raw[r] === norm.chars[k]) pageOf[k] = rawPage[r++]
    else pageOf[k] = k > 0 ? pageOf[k - 1] : (rawPage[r] ?? 1)
  }

  const spans: PageSpan[] = []
  for (let k = 0; k < pageOf.length; k++) {
    const last = spans[spans.length - 1]
    if (last && last.page === pageOf[k]) continue
    if (last) last.end = norm.at[k]
    spans.push({ start: last ? norm.at[k] : 0, end: text.length, page: pageOf[k] })
  }
  return spans
}

/** The first and last page a range of the text is on (pageEnd only when it differs), by its first and last letter. */
export function pagesOf(spans: PageSpan[] | undefined, text: string, start: number, end: number): { page?: number; pageEnd?: number } {
  if (!spans?.length) return {}
  while (start < end - 1 && !WORD_CHAR.test(text[start])) start++
  while (end > start + 1 && !WORD_CHAR.test(text[end - 1])) end--
  const covering = spans.filter((s) => s.start < Math.max(end, start + 1) && s.end > start)
  if (!covering.length) return {}
  const page = Math.min(...covering.map((s) => s.page))
  const pageEnd = Math.max(...covering.map((s) => s.page))
  return pageEnd > page ? { page, pageEnd } : { page }
}
