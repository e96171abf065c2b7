import { escapeRegExp } from './text/regex'
import type { Passage } from './types'

/** Human-readable listing of passages for the command line. */
export function formatPassages(passages: Passage[]): string {
  return passages
    .map(
      (p) =>
        `#${p.rank}  ${p.title}${p.section ? ` — ${p.section}` : ''}${pageLabel(p) ? `, ${pageLabel(p)}` : ''}  (score ${p.score.toFixed(4)}, ${p.chunkId})\n    ${p.text.replace(/\n/g, '\n    ')}`,
    )
    .join('\n\n')
}

/** "p. 12" or "pp. 12–13" for a passage from a paged source; '' otherwise. */
export function pageLabel(p: { page?: number; pageEnd?: number }): string {
  if (p.page === undefined) return ''
  return p.pageEnd !== undefined && p.pageEnd !== p.page ? `pp. ${p.page}–${p.pageEnd}` : `p. ${p.page}`
}

/** The DESIGN contract's result shape: the promised fields, in order, then the page(s) for paged sources. */
export function passageJson(p: Passage) {
  return {
    rank: p.rank,
    chunkId: p.chunkId,
    docId: p.docId,
    title: p.title,
    section: p.section,
    text: p.text,
    score: p.score,
    ...(p.page !== undefined ? { page: p.page } : {}),
    ...(p.pageEnd !== undefined ? { pageEnd: p.pageEnd } : {}),
    // (an "Ibid." note entry carries the entry it repeats: "③ Ibid." alone names no source)
    ...(p.repeats ? { repeats: p.repeats } : {}),
  }
}

/**
 * The pattern marking the given terms in a text (longest first, case-insensitive), or undefined when
 * none can be marked: a one-character term (项, 年) is not, it would mark half of a Chinese text.
 */
export function highlightPattern(terms: string[]): RegExp | undefined {
  const usable = [...new Set(terms.filter((t) => [...t.trim()].length >= 2))].sort((a, b) => b.length - a.length)
  return usable.length ? new RegExp(`(${usable.map(escapeRegExp).join('|')})`, 'gi') : undefined
}
