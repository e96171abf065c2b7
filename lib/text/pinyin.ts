import { dictionaries } from './dictionary'
import { segment } from './segment'
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
  const words = segment(title).filter((w) => w.trim())
  const out = words.map((w) => {
    if (!/\p{Script=Han}/u.test(w)) return w
    const s = syllables(w)
    return s.every((x) => /^[A-Z]/.test(x)) && s.length > 1 ? s.join('-') : s.join('').replace(/^(.)(.*)$/, (_, a, b) => a + b.toLowerCase())
  })
  return capitalize(out.join(' ').replace(/\s+([,.:;!?，。：；！？])/g, '$1'))
}
