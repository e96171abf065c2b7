import type { ReferenceFields } from '../types'

const ENGLISH_DATE = /(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2},)?\s+\d{4}/
const CHINESE_DATE = /\d{4}\s*年\s*(?:第\s*\d+\s*期|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)/

/** Split one footnote / reference entry into the fields it gives (Chinese and Western styles). */
export function parseReference(text: string): ReferenceFields {
  const fields: ReferenceFields = {}
  let rest = text.trim()
  // an author's or funding note cites nothing
  if (/^(本文系|本文是|本文为|感谢|作者简介)/.test(rest) || /^[\p{Script=Han}]{2,4}[，,]\S*(大学|研究院|研究所)/u.test(rest)) return fields

  const accessed = rest.match(/[,，]?\s*(?:访问时间|访问日期|accessed|retrieved)\s*[:：]?\s*([^。]*?)\s*[。.]?$/i)
  if (accessed) {
    fields.accessed = accessed[1].trim()
    rest = rest.slice(0, accessed.index).trim()
  }
  const url = rest.match(/<?(https?:\/\/[^\s<>"”，。]+?)>?(?=[\s,，。;；]|$)/)
  if (url) {
    fields.url = url[1].replace(/[.,;)]+$/, '')
    rest = (rest.slice(0, url.index) + rest.slice(url.index! + url[0].length)).trim()
  }

  const quoted = rest.match(/[“"](.+?)[,，]?[”"]/)
  const bookTitle = rest.match(/《([^》]+)》/)
  if (quoted && (!bookTitle || quoted.index! < bookTitle.index!)) {
    // Western style: Author, “Title,” Publication, Date
    fields.authors = cleanPart(rest.slice(0, quoted.index))
    fields.title = quoted[1].replace(/[,，]$/, '').trim()
    const after = rest.slice(quoted.index! + quoted[0].length)
    const date = after.match(ENGLISH_DATE) ?? after.match(CHINESE_DATE)
    if (date) fields.date = date[0]
    const publication = after
      .split(/[,，]/)
      .map((s) => s.trim())
      .find((s) => s && !ENGLISH_DATE.test(s) && !/^\d/.test(s) && !/^[A-Z][a-z]+ \d{1,2}$/.test(s) && s !== date?.[0])
    if (publication) fields.publication = publication
  } else if (bookTitle) {
    // Chinese style: 作者:《题名》,载《刊名》,2024 年第 6 期,第 14—15 页
    const before = rest.slice(0, bookTitle.index)
    if (before.trim()) fields.authors = cleanPart(before)
    fields.title = bookTitle[1].trim()
    const after = rest.slice(bookTitle.index! + bookTitle[0].length)
    const venue = after.match(/载\s*《([^》]+)》/)
    if (venue) fields.publication = venue[1].trim()
    const date = after.match(CHINESE_DATE) ?? after.match(ENGLISH_DATE)
    if (date) fields.date = date[0].replace(/\s+/g, '')
    const pages = after.match(/第\s*(\d+\s*[—–-]+\s*\d+|\d+)\s*页/)
    if (pages) fields.pages = pages[1].replace(/\s+/g, '')
  } else if (!/^ibid\.?$/i.test(rest)) {
    fields.title = cleanPart(rest)
  }
  return fields
}

function cleanPart(s: string): string {
  return s.replace(/^[\s,，:：]+|[\s,，:：]+$/g, '').trim()
}

export const isIbid = (text: string) => /^\s*(ibid\.?|同上[。.]?)\s*$/i.test(text)
