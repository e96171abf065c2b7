import { dictionaries } from './dictionary'
import { getPlainJieba, segment } from './segment'
import { idsOf } from './string-table'

/** Simplified headword -> its CC-CEDICT readings ("zheng4", "Zheng4"), in dictionary order. */
function readingsOf(word: string): string[] {
  const d = dictionaries()
  return Array.from(idsOf(d.readings, d.readingWords.indexOf(word)), (id) => d.readingTexts.at(id))
}

const toneless = (reading: string) => reading.replace(/u:/g, 'ü').replace(/[1-5]/g, '').split(' ').filter(Boolean)

/** Syllables of a word: the common (lower-case) reading first, else a proper-noun one, else per character. */
function syllables(word: string, preferProper = false): string[] {
  const all = readingsOf(word)
  const proper = all.find((r) => /^[A-Z]/.test(r))
  const common = all.find((r) => /^[a-z]/.test(r))
  const reading = preferProper ? (proper ?? common) : (common ?? proper)
  if (reading) return toneless(reading)
  if (word.length > 1) return [...word].flatMap((c) => syllables(c, preferProper))
  return [word]
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** A Chinese personal name in Hanyu Pinyin: family name first character, given name the rest ("郑世民" -> Zheng Shimin). */
export function romanizeName(name: string): { family: string; given: string } {
  const chars = [...name.replace(/\s+/g, '')]
  if (!chars.length || !/\p{Script=Han}/u.test(chars[0])) {
    const parts = name.trim().split(/\s+/)
    return { family: parts.pop() ?? name, given: parts.join(' ') }
  }
  return {
    family: capitalize(syllables(chars[0], true).join('').toLowerCase()),
    given: capitalize(
      chars
        .slice(1)
        .flatMap((c) => syllables(c))
        .join('')
        .toLowerCase(),
    ),
  }
}

/** A title in word-joined Pinyin, sentence case (proper nouns as the dictionary capitalizes them). */
export function romanizeTitle(title: string): string {
  const words = segment(title, false, getPlainJieba()).filter((w) => w.trim())
  const out = words.map((w) => {
    if (!/\p{Script=Han}/u.test(w)) return w
    const s = syllables(w)
    return s.every((x) => /^[A-Z]/.test(x)) && s.length > 1 ? s.join('-') : s.join('').replace(/^(.)(.*)$/, (_, a, b) => a + b.toLowerCase())
  })
  return capitalize(out.join(' ').replace(/\s+([,.:;!?，。：；！？])/g, '$1'))
}

// a run of two or three capitalised words that may be a Chinese name in pinyin: Yang Danxu, Yan Xuetong
export const PINYIN_NAME_RUN = /\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}\b/g

let characterTables: { all: Map<string, string[]>; family: Map<string, string[]> } | undefined

/**
 * Toneless syllable ("xue") -> the characters CC-CEDICT reads so (`all`), and those it also reads
 * capitalised, as it writes family names (`family`: 阎 "Yan2"; a family name it lists only among a
 * common word's senses, 漆 "surname Qi", is missed); built once.
 */
function syllableCharacters(): { all: Map<string, string[]>; family: Map<string, string[]> } {
  if (characterTables) return characterTables
  const d = dictionaries()
  const all = new Map<string, string[]>()
  const family = new Map<string, string[]>()
  const add = (map: Map<string, string[]>, syllable: string, char: string) => {
    const chars = map.get(syllable) ?? []
    if (!chars.includes(char)) map.set(syllable, [...chars, char])
  }
  const { offsets } = d.readingWords
  for (let id = 0; id < d.readingWords.size; id++) {
    // single characters only (a surrogate pair is two code units), read without making every word a string
    if (offsets[id + 1] - offsets[id] > 2) continue
    const char = d.readingWords.at(id)
    if ([...char].length !== 1) continue
    for (const reading of readingsOf(char)) {
      const syllable = toneless(reading).join('').toLowerCase().replace(/ü/g, 'v')
      add(all, syllable, char)
      if (/^[A-Z]/.test(reading)) add(family, syllable, char)
    }
  }
  characterTables = { all, family }
  return characterTables
}

/** The ways a pinyin word splits into syllables (xuetong: xue tong). */
function syllableSplits(word: string, syllables: Map<string, string[]>): string[][] {
  if (!word) return [[]]
  const out: string[][] = []
  for (let end = Math.min(6, word.length); end >= 1; end--) {
    const head = word.slice(0, end)
    if (syllables.has(head)) for (const rest of syllableSplits(word.slice(end), syllables)) out.push([head, ...rest])
  }
  return out
}

/** Candidate spellings beyond this many are not tried. */
const MAX_SPELLINGS = 50_000

/**
 * The Chinese names a name in pinyin may spell (Yan Xuetong: 阎学通), family name first or last,
 * among the words `known` accepts (the index's terms): a family-name character for the family name's
 * syllable, then any character for each syllable of the given name (one or two).
 */
export function namesForPinyin(run: string, known: (word: string) => boolean): string[] {
  const { all, family } = syllableCharacters()
  const words = run.toLowerCase().replace(/ü/g, 'v').split(/[ -]+/)
  const found = new Set<string>()
  for (const [surname, ...given] of [words, [words[words.length - 1], ...words.slice(0, -1)]]) {
    for (const split of syllableSplits(given.join(''), all)) {
      if (split.length < 1 || split.length > 2) continue
      const choices = [family.get(surname) ?? [], ...split.map((s) => all.get(s) ?? [])]
      if (choices.reduce((n, c) => n * c.length, 1) > MAX_SPELLINGS) continue
      let spellings = ['']
      for (const chars of choices) spellings = spellings.flatMap((prefix) => chars.map((c) => prefix + c))
      for (const name of spellings) if (known(name)) found.add(name)
    }
  }
  return [...found]
}
