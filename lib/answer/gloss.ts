import { cleanGloss } from '../text/dictionary'
import { ENGLISH_STOPWORDS, englishWords, stemEnglish } from '../text/segment'

// Senses a modern reader rarely means: literary, archaic, classical, regional or proper-noun readings
// ("(Taiwan pr. …)" only notes how Taiwan pronounces a common sense: 和 "and").
const DATED =
  /\((?:literary|lit\.|archaic|old|classical|Classical Chinese|Buddhism|Buddhist|Daoism|dialect|Cantonese|Taiwan(?! pr\.)|euphemism|slang|honorific)\b[^)]*\)|Four Books|Confucian|Classic of|dynasty|Warring States|\bsurname\b/i

/** A literary, archaic, regional or proper-noun sense. */
export const isDated = (sense: string) => DATED.test(sense)

const stems = (text: string) =>
  new Set(
    englishWords(text)
      .filter((w) => !ENGLISH_STOPWORDS.has(w))
      .map(stemEnglish),
  )

/**
 * The sense of a Chinese word to show: the one sharing most words with the context (the English
 * question), else the first modern sense in dictionary order; literary and archaic senses last.
 */
export function pickGloss(senses: string[], context = '', wordClass?: WordClass): string | undefined {
  const at = pickSense(senses, context, wordClass)
  return at < 0 ? undefined : firstGloss(senses[at])
}

/** A word's part of speech as the tagger reads it in its sentence: a verb, or a noun, adjective or time word. */
export type WordClass = 'verb' | 'nominal'

// how much a sense of the word's class ("to …" for a verb, any other for a noun) is preferred: over a few senses
// before it in the dictionary (重点 n. "important point", not chóngdiǎn "to recount"; 丰富 a. "rich", not "to enrich")
const CLASS_FIT = 0.45

/** The index of the sense `pickGloss` shows, or -1 when none has English to show. */
export function pickSense(senses: string[], context = '', wordClass?: WordClass): number {
  const wanted = stems(context)
  let best = { at: -1, score: Number.NEGATIVE_INFINITY }
  senses.forEach((sense, i) => {
    const gloss = firstGloss(sense)
    if (!gloss) return
    const shared = [...stems(gloss)].filter((s) => wanted.has(s)).length
    // (a proper name is a word's lesser sense, unless the dictionary gives it first and free: 俄 is Russia, not
    // "suddenly"; 中 alone is "within", its "(bound form) China" only in compounds)
    const properFirst = i === 0 && !/\(bound form\)/.test(sense)
    const fits = wordClass && (wordClass === 'verb') === /^to\s/.test(gloss) ? CLASS_FIT : 0
    const score = 2 * shared - (DATED.test(sense) ? 5 : 0) - 0.1 * i - (!properFirst && /^[A-Z]/.test(gloss) ? 0.5 : 0) + fits
    if (score > best.score) best = { at: i, score }
  })
  return best.at
}

/** A sense's first gloss, notes dropped: "(math.) sum; total" -> "sum". */
export const firstGloss = (sense: string) =>
  cleanGloss(sense)
    .split(/;/)[0]
    .trim()
    // (a note cleaned away leaves a space before its comma: "Donald Trump (1946–), American …")
    .replace(/\s+([,.:])/g, '$1')
