import { pinyin } from 'pinyin-pro'
import { cleanGloss, sensesOf } from '../text/dictionary'
import { toSimplified } from '../text/lang'
import { getJieba } from '../text/segment'
import { firstGloss, isDated, pickGloss, pickSense, type WordClass } from './gloss'

/** One word of a Chinese text with what a reader needs: its reading and its sense. */
export interface GlossedWord {
  start: number
  end: number
  word: string
  pinyin?: string
  /** the modern sense first, then up to two more */
  gloss?: string
}

/**
 * A word's reading in tone marks, by pinyin-pro, which knows which reading of a character a word or a
 * character alone takes (更多 gèngduō, 重点 zhòngdiǎn, 与 yǔ, 价值链 jiàzhíliàn); none for a character it lacks.
 */
function pinyinOf(word: string): string | undefined {
  const read = pinyin(word, { separator: '', toneType: 'symbol' })
  return read && !/\p{Script=Han}/u.test(read) ? read : undefined
}

/** How many senses after the picked one may follow it: further ones are often another reading's. */
const NEARBY_SENSES = 3

/**
 * The picked sense and up to two more modern ones from right after it in the dictionary (the same
 * entry, mostly: 的 "of", not also 的士's "taxi"); a compound the dictionary lacks is glossed by its parts.
 */
function glossOf(word: string, context: string, wordClass?: WordClass): string | undefined {
  const all = sensesOf(word)
  const at = pickSense(all, context, wordClass)
  if (at < 0) {
    const parts = partsOf(word)
    return parts.length ? parts.map((p) => `${p} ${pickGloss(sensesOf(p), context)}`).join(' + ') : undefined
  }
  const first = pickGloss(all, context, wordClass)!
  const rest = all
    .slice(at + 1, at + 1 + NEARBY_SENSES)
    .filter((s) => !isDated(s))
    .map(cleanGloss)
    .filter((s) => s && !/["()]/.test(s) && !s.startsWith(first))
  return [first, ...new Set(rest)].slice(0, 3).join('; ')
}

/** The dictionary words a compound is made of, left to right and not overlapping (两国政府: 两国 + 政府, not also 国政). */
function partsOf(word: string): string[] {
  const known = getJieba()
    .cutForSearch(word, true)
    .filter((p) => p !== word && p.length >= 2 && sensesOf(p).length)
  const parts: string[] = []
  let end = 0
  for (const part of known) {
    const at = word.indexOf(part, end)
    if (at < 0) continue
    parts.push(part)
    end = at + part.length
  }
  return parts
}

/** A sense that is a proper name (Russia, the Americas). */
const namesSomething = (sense: string) => /^[A-Z]|^the [A-Z]/.test(cleanGloss(sense))
/** …and a modern one: not dated, not a note of how Taiwan pronounces it. */
const isModernProperSense = (sense: string) => namesSomething(sense) && !isDated(sense) && !/\bpr\./.test(sense)

/** The modern proper-noun sense of a character whose first sense is one (俄 "Russia", 美 "the Americas; USA"), or -1. */
function countrySense(character: string): number {
  const senses = sensesOf(character)
  if (!namesSomething(senses[0] ?? '')) return -1
  return senses.findIndex((s) => isModernProperSense(s) && !/transliteration/.test(s))
}

/** Its proper-noun senses, from `at` on (美: the Americas; USA). */
function properGloss(senses: string[], at: number): string {
  const proper = senses.slice(at).filter(isModernProperSense)
  return [...new Set(proper.map(firstGloss))].slice(0, 2).join('; ')
}

/** The class of a word the tagger tags so (v: verb; n…, a, t, p: a noun, adjective, time word or preposition; others: no preference). */
function classOf(tag: string): WordClass | undefined {
  if (tag === 'v') return 'verb'
  // (a preposition is no verb either: 在 "at", not "to exist")
  return /^(n|a|t|ad|an|p)$/.test(tag) || /^n[rstz]?$/.test(tag) ? 'nominal' : undefined
}

/**
 * The words of a text (jieba), each Chinese one with its pinyin and CC-CEDICT senses, the modern
 * sense first (or the one sharing words with `context`, e.g. the English question). A character whose
 * first sense is a country (中, 俄, 美, 英, 法, 德), beside another such (中俄, 美欧) or read by the tagger as an
 * abbreviation (对俄制裁), is glossed as the country (俄 "Russia", not "suddenly"); CC-CEDICT's senses of 日 and
 * 印 lack Japan and India, so 中日 and 中印 are not.
 */
export function glossWords(text: string, context = ''): GlossedWord[] {
  const tagged = getJieba().tag(text, true)
  const country = tagged.map(({ word }) => (word.length === 1 ? countrySense(toSimplified(word)) : -1))
  // (or one the tagger reads as an abbreviation or a place: 对俄制裁)
  const standsForCountry = (i: number) => country[i] >= 0 && (country[i - 1] >= 0 || country[i + 1] >= 0 || /^(j|ns)$/.test(tagged[i].tag))
  const out: GlossedWord[] = []
  let at = 0
  tagged.forEach(({ word }, i) => {
    const start = at
    at += word.length
    if (!/\p{Script=Han}/u.test(word)) return
    const simplified = toSimplified(word)
    const gloss = standsForCountry(i) ? properGloss(sensesOf(simplified), country[i]) : glossOf(simplified, context, classOf(tagged[i].tag))
    const pinyin = pinyinOf(simplified)
    out.push({ start, end: at, word, ...(pinyin ? { pinyin } : {}), ...(gloss ? { gloss } : {}) })
  })
  return out
}

/** The first English sense of each word of a text that has one, in order, once each ("natural gas; pipeline"): a gist of a heading for an English reader. */
export function wordSenses(text: string, context = '', max = Number.POSITIVE_INFINITY): string[] {
  // (words of two characters or more: a lone character's sense is mostly grammar, 的 or 对)
  const senses = glossWords(text, context).flatMap((w) => (w.gloss && w.word.length >= 2 ? [firstSenseOf(w.gloss)] : []))
  return [...new Set(senses)].slice(0, max)
}

/** A gloss's first sense; a word glossed by its parts ("技术 technology + 转移 to shift") by its parts' senses ("technology shift"). */
function firstSenseOf(gloss: string): string {
  if (!gloss.includes(' + ')) return gloss.split(/;\s*/)[0]
  return gloss
    .split(' + ')
    .map((part) => part.replace(/^\p{Script=Han}+\s*/u, '').replace(/^to\s+/, ''))
    .join(' ')
}
