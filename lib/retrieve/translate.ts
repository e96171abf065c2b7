import { join } from 'node:path'
import { readBinaryCache, writeBinaryCache } from '../binary-cache'
import { cleanGloss, type Dictionaries, defaultCacheDir, dictionaries, dictionaryEntries, glossesOf } from '../text/dictionary'
import type { Glossary } from '../text/glossary'
import { ENGLISH_STOPWORDS, englishWords, STOPWORDS_FINGERPRINT, stemEnglish } from '../text/segment'
import { buildIdLists, type IdLists, idsOf, StringTable } from '../text/string-table'

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

const EN_ZH_VERSION = 2

/** English phrase keys and gloss-word stems -> Simplified headword ids, in compact typed arrays. */
interface EnglishChineseTables {
  keys: StringTable
  keyWords: IdLists
  stems: StringTable
  stemWords: IdLists
}

/** Each gloss part of up to four content words becomes a key for its headword (dictionary order kept). */
function buildTables(d: Dictionaries): EnglishChineseTables {
  const keys = new Map<string, Set<number>>()
  const stems = new Map<string, Set<number>>()
  const add = (map: Map<string, Set<number>>, key: string, id: number) => {
    let set = map.get(key)
    if (!set) map.set(key, (set = new Set()))
    set.add(id)
  }
  for (const entry of dictionaryEntries()) {
    const id = d.headwords.indexOf(entry.word)
    // the first part of the first sense, when it is a name, also gives the initials of an acronym
    let first = true
    for (const gloss of entry.glosses)
      for (const part of cleanGloss(gloss).split(/[;,:]/)) {
        const isFirst = first
        first = false
        const words = contentWords(part.replace(/^\s*(to|a|an|the)\s+/i, ''))
        if (!words.length || words.length > MAX_PHRASE_WORDS) continue
        const key = phraseKey(words)
        add(keys, key, id)
        // "artificial intelligence" -> #ai (not "to act as intermediary"), for acronyms the dictionary never writes out
        if (isFirst && words.length >= 2 && !/^\s*to\s/i.test(part)) add(keys, `#${words.map((w) => w[0]).join('')}`, id)
        // a word's stem -> headwords with a short gloss containing it ("western" -> 西方 "Western countries")
        if (words.length <= 2) for (const stem of key.split(' ')) add(stems, stem, id)
      }
  }
  return {
    keys: StringTable.build([...keys.keys()]),
    keyWords: buildIdLists([...keys.values()].map((set) => [...set])),
    stems: StringTable.build([...stems.keys()]),
    stemWords: buildIdLists([...stems.values()].map((set) => [...set])),
  }
}

function loadTables(cacheDir: string): EnglishChineseTables {
  const file = join(cacheDir, `en-zh-v${EN_ZH_VERSION}.bin`)
  const cache = readBinaryCache<{ version: number; stopwords?: string }>(
    file,
    (meta) => meta.version === EN_ZH_VERSION && meta.stopwords === STOPWORDS_FINGERPRINT,
  )
  if (cache) {
    const s = cache.sections
    const lists = (name: string) => ({ starts: s[`${name}.starts`] as Uint32Array, values: s[`${name}.values`] as Uint32Array })
    return {
      keys: StringTable.fromSections(s, 'keys'),
      keyWords: lists('keyWords'),
      stems: StringTable.fromSections(s, 'stems'),
      stemWords: lists('stemWords'),
    }
  }
  const t = buildTables(dictionaries(cacheDir))
  writeBinaryCache(
    file,
    { version: EN_ZH_VERSION, stopwords: STOPWORDS_FINGERPRINT },
    {
      ...t.keys.sections('keys'),
      ...t.stems.sections('stems'),
      'keyWords.starts': t.keyWords.starts,
      'keyWords.values': t.keyWords.values,
      'stemWords.starts': t.stemWords.starts,
      'stemWords.values': t.stemWords.values,
    },
  )
  return t
}

/**
 * English → Chinese lookup built from CC-CEDICT glosses (and the corpus glossary). The dictionary
 * side is a compact cache in data/cache, loaded on the first lookup.
 */
export class EnglishChineseDictionary {
  /** keys coming from the glossary: they win over the general dictionary */
  private readonly glossaryKeys = new Map<string, string[]>()
  private tables?: EnglishChineseTables

  constructor(
    glossary?: Glossary,
    private readonly cacheDir = defaultCacheDir(),
  ) {
    for (const [english, chinese] of Object.entries(glossary?.terms ?? {})) {
      const key = phraseKey(contentWords(english))
      if (key) this.glossaryKeys.set(key, chinese)
    }
  }

  private headwords(ids: Uint32Array): string[] {
    const d = dictionaries(this.cacheDir)
    return Array.from(ids, (id) => d.headwords.at(id))
  }

  private get loaded(): EnglishChineseTables {
    this.tables ??= loadTables(this.cacheDir)
    return this.tables
  }

  /** CC-CEDICT's first English glosses of a Simplified Chinese word. */
  glosses(word: string, max = 2): string[] {
    return glossesOf(word, dictionaries(this.cacheDir)).slice(0, max)
  }

  /** Headwords one of whose short glosses contains the word: a fallback when no gloss is the word itself. */
  lookupLoose(word: string): string[] {
    const t = this.loaded
    return this.headwords(idsOf(t.stemWords, t.stems.indexOf(stemEnglish(word))))
  }

  /** The corpus glossary's renderings of an English phrase (none when it has no entry). */
  glossaryLookup(words: string[]): string[] {
    return this.glossaryKeys.get(phraseKey(words)) ?? []
  }

  /** Headwords glossed with a phrase whose content words' initials spell the acronym (AI: 人工智能 "artificial intelligence"). */
  longForms(acronym: string): string[] {
    const t = this.loaded
    return this.headwords(idsOf(t.keyWords, t.keys.indexOf(`#${acronym.toLowerCase().replace(/[^a-z]/g, '')}`)))
  }

  lookup(words: string[]): string[] {
    const key = phraseKey(words)
    const t = this.loaded
    return [...(this.glossaryKeys.get(key) ?? []), ...this.headwords(idsOf(t.keyWords, t.keys.indexOf(key)))]
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
  /** a capitalised acronym of the question (US, EU): only renderings glossed with exactly it */
  acronym?: boolean
  /** the candidates the corpus glossary gives (they name what the words name, whatever CC-CEDICT glosses them with) */
  glossary?: string[]
}

/**
 * Longest phrase first: at each position take the longest run of words the dictionary knows and
 * that has a translation occurring in the corpus.
 */
// irregular past forms the dictionary has only in other senses (held: 卡壳 "to be held up") or not at all
const IRREGULAR_PAST: Record<string, string> = {
  held: 'hold',
  built: 'build',
  began: 'begin',
  begun: 'begin',
  won: 'win',
  met: 'meet',
  led: 'lead',
  sent: 'send',
  took: 'take',
  taken: 'take',
  gave: 'give',
  given: 'give',
  made: 'make',
  sold: 'sell',
  bought: 'buy',
  spent: 'spend',
  grew: 'grow',
  grown: 'grow',
  chose: 'choose',
  chosen: 'choose',
  wrote: 'write',
  written: 'write',
  brought: 'bring',
  paid: 'pay',
  rose: 'rise',
  fell: 'fall',
}

// British endings and their American forms, which CC-CEDICT's glosses use (Organisation, centre, defence, programme)
const BRITISH_ENDINGS: [RegExp, string][] = [
  [/isation(s?)$/, 'ization$1'],
  [/is(e|es|ed|ing)$/, 'iz$1'],
  [/our(s?)$/, 'or$1'],
  [/tre(s?)$/, 'ter$1'],
  [/ence(s?)$/, 'ense$1'],
  [/mme(s?)$/, 'm$1'],
  [/yse(s|d)?$/, 'yze$1'],
  [/ogue(s?)$/, 'og$1'],
]

/** A word in the spelling the dictionary knows: its American form when only that one is in the dictionary. */
function americanSpelling(word: string, dictionary: EnglishChineseDictionary): string {
  for (const [british, american] of BRITISH_ENDINGS) {
    if (!british.test(word)) continue
    const variant = word.replace(british, american)
    if (!dictionary.lookup([word]).length && dictionary.lookup([variant]).length) return variant
  }
  return word
}

// adjectives the dictionary glosses only in other senses (lunar: 农历 "lunar calendar"), whose noun it renders as the
// text writes it (the moon: 月球 in 月球探测 "lunar exploration")
const NOUN_OF_ADJECTIVE: Record<string, string> = {
  lunar: 'moon',
  solar: 'sun',
  maritime: 'sea',
  naval: 'navy',
  urban: 'city',
  rural: 'countryside',
  arctic: 'north pole',
  antarctic: 'south pole',
  oceanic: 'ocean',
  terrestrial: 'land',
  // (Western: 西部片 "a Western", the film genre; the West: 西方)
  western: 'west',
  eastern: 'east',
  northern: 'north',
  southern: 'south',
}

/** An adjective read as its noun, when the corpus has a rendering of the noun. */
function asNoun(word: string, dictionary: EnglishChineseDictionary, inCorpus: (word: string) => boolean): Translation | undefined {
  const noun = NOUN_OF_ADJECTIVE[word]
  const chinese = noun ? [...new Set(dictionary.lookup(noun.split(' ')))].filter(inCorpus) : []
  return chinese.length ? { english: word, chinese } : undefined
}

// a noun made from a verb, an adjective or a noun, and the endings its base word may have (guidance: guide; management: manage)
const DERIVATIONS: [RegExp, string[]][] = [
  [/(?:ance|ence)$/, ['', 'e']],
  [/ment$/, ['']],
  [/ation$/, ['ate', 'e', '']],
  [/ness$/, ['']],
  // (partnership: partner, 伙伴 in 伙伴关系; leadership: leader; membership: member)
  [/ship$/, ['']],
]

/** A derived noun read as its base word, when the dictionary's renderings of the noun itself are not in the corpus (guidance: 指导 "to guide"). */
function asBaseWord(word: string, dictionary: EnglishChineseDictionary, inCorpus: (word: string) => boolean): Translation | undefined {
  for (const [suffix, endings] of DERIVATIONS) {
    if (!suffix.test(word)) continue
    const stem = word.replace(suffix, '')
    for (const ending of endings) {
      const chinese = stem.length >= 3 ? [...new Set(dictionary.lookup([stem + ending]))].filter(inCorpus) : []
      if (chinese.length) return { english: word, chinese }
    }
  }
  return undefined
}

// an adverb and the adjectives it may be made from (directly: direct; easily: easy; basically: basic; possibly: possible)
const ADVERB_BASES: [RegExp, string][] = [
  [/ically$/, 'ic'],
  [/ily$/, 'y'],
  [/bly$/, 'ble'],
  [/ly$/, ''],
]

/**
 * An adverb also rendered as its adjective, first: CC-CEDICT glosses 直接 "direct", 积极 "active", so
 * "directly" alone finds only 径直 and 迎面, words the texts hardly use in its sense.
 */
function withAdjective(t: Translation, dictionary: EnglishChineseDictionary, inCorpus: (word: string) => boolean): Translation {
  const base = ADVERB_BASES.find(([suffix]) => suffix.test(t.english))
  if (t.english.includes(' ') || t.english.length < 6 || !base) return t
  const adjective = t.english.replace(base[0], base[1])
  // (only words whose first sense is the adjective: "direct" is also 指导 "to direct" and 方向 "direction")
  const chinese = [...new Set(dictionary.lookup([adjective]))].filter((w) => inCorpus(w) && dictionary.glosses(w, 1)[0]?.toLowerCase() === adjective)
  return chinese.length ? { ...t, chinese: [...new Set([...chinese, ...t.chinese])] } : t
}

// function words of a question that the dictionary's gloss words keep (changing ENGLISH_STOPWORDS would change
// the built dictionary and embedder caches): "Russian ones", "sanctions against Russia", "what is meant by"
// (and the prefix a hyphen leaves alone: "co" of co-authors, co-operation; "what makes it hard" asks why, not about making)
const QUESTION_STOPWORDS = new Set(['ones', 'besides', 'meant', 'against', 'co', 'makes'])

/** Whether an English word of a question carries no meaning for retrieval. */
export function isQuestionStopword(word: string): boolean {
  const w = word.toLowerCase()
  return ENGLISH_STOPWORDS.has(w) || QUESTION_STOPWORDS.has(w)
}

export function translateEnglish(text: string, dictionary: EnglishChineseDictionary, inCorpus: (word: string) => boolean): Translation[] {
  const words = contentWords(text)
    .filter((w) => !QUESTION_STOPWORDS.has(w))
    .map((w) => IRREGULAR_PAST[w] ?? americanSpelling(w, dictionary))
  const out: Translation[] = []
  let i = 0
  while (i < words.length) {
    let matched: Translation | undefined
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1 && !matched; n--) {
      const span = words.slice(i, i + n)
      const chinese = [...new Set(dictionary.lookup(span))].filter(inCorpus)
      const glossary = dictionary.glossaryLookup(span).filter(inCorpus)
      if (chinese.length) matched = { english: span.join(' '), chinese, ...(glossary.length ? { glossary } : {}) }
    }
    if (!matched) matched = asNoun(words[i], dictionary, inCorpus) ?? asBaseWord(words[i], dictionary, inCorpus)
    if (!matched) {
      const loose = dictionary.lookupLoose(words[i])
      const chinese = loose
        .filter(inCorpus)
        .sort((a, b) => b.length - a.length)
        .slice(0, 3)
      // loose candidates are a guess: they help recall but their absence says little
      matched = { english: words[i], chinese, ...(chinese.length ? { loose: true } : {}), ...(dictionary.lookup([words[i]]).length ? {} : { unknown: true }) }
    }
    out.push(withAdjective(matched, dictionary, inCorpus))
    i += matched.english.split(' ').length
  }
  return out
}
