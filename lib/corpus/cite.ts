import { romanizeName, romanizeTitle } from '../text/pinyin'
import type { DocumentMeta } from '../types'

/** The page(s) a cited passage is on, for paged sources. */
export interface CitedPages {
  page?: number
  pageEnd?: number
}

const pageRange = ({ page, pageEnd }: CitedPages) => (page === undefined ? '' : pageEnd !== undefined && pageEnd !== page ? `${page}–${pageEnd}` : String(page))

export interface FormattedCitation {
  gbt7714: string
  apa7: string
}

const isChinese = (s: string) => /\p{Script=Han}/u.test(s)

/** GB/T 7714-2015: up to three authors then "等"; type code [J] for a journal article, [Z] when the venue is unknown. */
export function gbt7714(meta: DocumentMeta, section?: string, pages: CitedPages = {}): string {
  const authors = meta.authors.length > 3 ? `${meta.authors.slice(0, 3).join(', ')}, 等` : meta.authors.join(', ')
  const type = meta.url && !meta.venue ? 'EB/OL' : meta.venue ? 'J' : 'Z'
  let out = `${authors ? `${authors}. ` : ''}${meta.title}[${type}].`
  if (meta.venue) {
    out += ` ${meta.venue}`
    if (meta.year) out += `, ${meta.year}`
    if (meta.volume) out += `, ${meta.volume}`
    if (meta.issue) out += `(${meta.issue})`
    if (meta.pages) out += `: ${meta.pages}`
    out += '.'
  } else if (meta.year) out += ` ${meta.year}.`
  if (meta.url) out += ` ${meta.url}.`
  if (section) out += ` 章节: ${section}.`
  if (pageRange(pages)) out += ` 第 ${pageRange(pages)} 页.`
  return out
}

function apaAuthor(name: string): string {
  const { family, given } = romanizeName(name)
  const initials = given
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((g) => `${g[0].toUpperCase()}.`)
    .join(' ')
  return initials ? `${family}, ${initials}` : family
}

/** APA 7: romanized names and title with the English title in brackets; "n.d." without a year. */
export function apa7(meta: DocumentMeta, section?: string, pages: CitedPages = {}): string {
  const names = meta.authors.map(apaAuthor)
  const authors =
    names.length <= 1
      ? (names[0] ?? '')
      : names.length <= 20
        ? `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`
        : `${names.slice(0, 19).join(', ')}, … ${names[names.length - 1]}`
  const year = meta.year ? String(meta.year) : 'n.d.'
  const title = isChinese(meta.title) ? `${romanizeTitle(meta.title)}${meta.titleEn ? ` [${meta.titleEn}]` : ''}` : meta.title
  let out = `${authors ? `${authors} ` : ''}(${year}). ${title}.`
  if (meta.venue) {
    out += ` ${isChinese(meta.venue) ? romanizeTitle(meta.venue) : meta.venue}`
    if (meta.volume) out += `, ${meta.volume}`
    if (meta.issue) out += `(${meta.issue})`
    if (meta.pages) out += `, ${meta.pages}`
    out += '.'
  }
  if (meta.url) out += ` ${meta.url}`
  if (section) out += ` Section: ${section}.`
  const range = pageRange(pages)
  if (range) out += ` ${range.includes('–') ? 'pp.' : 'p.'} ${range}.`
  return out
}

export function formatCitation(meta: DocumentMeta, section?: string, pages: CitedPages = {}): FormattedCitation {
  return { gbt7714: gbt7714(meta, section, pages), apa7: apa7(meta, section, pages) }
}
