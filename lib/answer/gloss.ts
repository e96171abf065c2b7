import { cleanGloss } from '../text/dictionary'
import { ENGLISH_STOPWORDS, englishWords, stemEnglish } from '../text/segment'

// Senses a modern reader rarely means: literary, archaic, classical, regional or proper-noun readings.
const DATED =
  /\((?:literary|lit\.|archaic|old|classical|Classical Chinese|Buddhism|Buddhist|Daoism|dialect|Cantonese|Taiwan|euphemism|slang|honorific)\b[^)]*\)|Four Books|Confucian|Classic of|dynasty|\bsurname\b/i

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
export function pickGloss(senses: string[], context = ''): string | undefined {
  const wanted = stems(context)
  let best: { gloss: string; score: number } | undefined
  senses.forEach((sense, i) => {
    const gloss = cleanGloss(sense).split(/;/)[0].trim()
    if (!gloss) return
    const shared = [...stems(gloss)].filter((s) => wanted.has(s)).length
    const score = 2 * shared - (DATED.test(sense) ? 5 : 0) - 0.1 * i - (/^[A-Z]/.test(gloss) ? 0.5 : 0)
    if (!best || score > best.score) best = { gloss, score }
  })
  return best?.gloss
}
