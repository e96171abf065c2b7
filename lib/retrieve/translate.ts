import { cleanGloss, dictionaryEntries } from '../text/dictionary'
import type { Glossary } from '../text/glossary'
import { ENGLISH_STOPWORDS, englishWords, stemEnglish } from '../text/segment'

const MAX_PHRASE_WORDS = 4

/** Order-free key of an English phrase: its content-word stems, sorted ("transfer of technology" = "technology transfer"). */
export function phraseKey(words: string[]): string {
  return words
    .filter((w) => !ENGLISH_STOPWORDS.has(w))
    .map(stemEnglish)
    .sort()
    .join(' ')
}

/** English words of a text, hyphenated compounds split ("China-Russia" -> china, russia). */
export function contentWords(text: string): string[] {
  return englishWords(text.replace(/(?<=[A-Za-z])-(?=[A-Za-z])/g, ' ')).filter((w) => !ENGLISH_STOPWORDS.has(w))
}

/**
 * English → Chinese lookup built from CC-CEDICT glosses (and the corpus glossary): each gloss part
 * of up to four content words becomes a key for its headword.
 */
export class EnglishChineseDictionary {
  private readonly byKey = new Map<string, Set<string>>()
  /** a word's stem -> headwords with a short gloss containing it ("western" -> 西方 "Western countries") */
  private readonly byWord = new Map<string, Set<string>>()
  /** Chinese headword -> its cleaned English glosses (for showing and matching what a term means) */
  private readonly glossesByWord = new Map<string, string[]>()
  /** keys coming from the glossary: they win over the general dictionary */
  private readonly glossaryKeys = new Map<string, string[]>()

  constructor(glossary?: Glossary) {
    for (const entry of dictionaryEntries()) {
      const list = this.glossesByWord.get(entry.word) ?? []
      for (const g of entry.glosses.map(cleanGloss)) if (g && !list.includes(g)) list.push(g)
      this.glossesByWord.set(entry.word, list)
      for (const gloss of entry.glosses) {
        for (const part of cleanGloss(gloss).split(/[;,:]/)) {
          const words = contentWords(part.replace(/^\s*(to|a|an|the)\s+/i, ''))
          if (!words.length || words.length > MAX_PHRASE_WORDS) continue
          const key = phraseKey(words)
          let set = this.byKey.get(key)
          if (!set) this.byKey.set(key, (set = new Set()))
          set.add(entry.word)
          if (words.length <= 2)
            for (const stem of key.split(' ')) {
              let loose = this.byWord.get(stem)
              if (!loose) this.byWord.set(stem, (loose = new Set()))
              loose.add(entry.word)
            }
        }
      }
    }
    for (const [english, chinese] of Object.entries(glossary?.terms ?? {})) {
      const key = phraseKey(contentWords(english))
      if (key) this.glossaryKeys.set(key, chinese)
    }
  }

  /** CC-CEDICT's first English glosses of a Simplified Chinese word. */
  glosses(word: string, max = 2): string[] {
    return (this.glossesByWord.get(word) ?? []).slice(0, max)
  }

  /** Headwords one of whose short glosses contains the word: a fallback when no gloss is the word itself. */
  lookupLoose(word: string): string[] {
    return [...(this.byWord.get(stemEnglish(word)) ?? [])]
  }

  lookup(words: string[]): string[] {
    const key = phraseKey(words)
    return [...(this.glossaryKeys.get(key) ?? []), ...(this.byKey.get(key) ?? [])]
  }
}

export interface Translation {
  /** the English words of the question this covers */
  english: string
  /** Chinese candidates that occur in the corpus */
  chinese: string[]
  /** the dictionary has no Chinese for it at all (as opposed to none that occurs in the corpus) */
  unknown?: boolean
  /** candidates guessed from longer glosses containing the word */
  loose?: boolean
}

/**
 * Longest phrase first: at each position take the longest run of words the dictionary knows and
 * that has a translation occurring in the corpus.
 */
export function translateEnglish(text: string, dictionary: EnglishChineseDictionary, inCorpus: (word: string) => boolean): Translation[] {
  const words = contentWords(text)
  const out: Translation[] = []
  let i = 0
  while (i < words.length) {
    let matched: Translation | undefined
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1 && !matched; n--) {
      const span = words.slice(i, i + n)
      const chinese = [...new Set(dictionary.lookup(span))].filter(inCorpus)
      if (chinese.length) matched = { english: span.join(' '), chinese }
    }
    if (!matched) {
      const loose = dictionary.lookupLoose(words[i])
      const chinese = loose
        .filter(inCorpus)
        .sort((a, b) => b.length - a.length)
        .slice(0, 3)
      // loose candidates are a guess: they help recall but their absence says little
      matched = { english: words[i], chinese, ...(chinese.length ? { loose: true } : {}), ...(dictionary.lookup([words[i]]).length ? {} : { unknown: true }) }
    }
    out.push(matched)
    i += matched.english.split(' ').length
  }
  return out
}
