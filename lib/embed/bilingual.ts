import { readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { readBinaryCache, writeBinaryCache } from '../binary-cache'
import { chineseIdf, cleanGloss, dictionaryEntries } from '../text/dictionary'
import { toSimplified } from '../text/lang'
import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS, englishWords, isHan, STOPWORDS_FINGERPRINT, segment, stemEnglish } from '../text/segment'
import { StringTable } from '../text/string-table'
import { applyGeometry, estimateGeometry, type Geometry } from './geometry'
import { BUILTIN_EMBEDDER_ID } from './ids'
import { type CsrMatrix, truncatedSvd } from './svd'
import { type Embedder, normalizeVector } from './types'

export { BUILTIN_EMBEDDER_ID } from './ids'

const DIMENSION = 256
/**
 * Principal directions removed after centring. Measured (10k scale passages; dev set): centring alone
 * takes the mean cosine between random passages from 0.45 to 0.19 and HNSW recall@10 from 0.65 to
 * 0.84; also removing 3 directions gives 0.18 and 0.85 but costs dense-only dev MRR (0.69 -> 0.65).
 */
const TOP_DIRECTIONS = 0
/** word vectors kept per embedder (1 KB each): the frequent words of a corpus fit, a 100k-passage one's long tail does not */
const CHINESE_CACHE_WORDS = 50_000
const NOT_LOOKED_UP = -2
/** the most frequent Chinese words (by jieba's counts) that estimate the geometry */
const GEOMETRY_WORDS = 20000

/**
 * The model: English gloss-word vectors (V·Σ^½ of the PPMI matrix's SVD) plus each Chinese word's
 * sparse PPMI row, from which its vector (U·Σ^½ = row·V·Σ^-½) is computed when first needed, and the
 * geometry that centres text vectors.
 */
interface BilingualModel {
  dimension: number
  sigma: Float32Array
  english: StringTable
  englishVectors: Float32Array
  englishIdf: Float32Array
  chinese: StringTable
  rows: CsrMatrix
  geometry: Geometry
}

/** Progress of a model build, in units of work (about one CPU-second each on a 2020s laptop core). */
export type BuildProgress = (stage: string, done: number, total: number) => void

/** Build the Chinese-word × English-gloss-word PPMI matrix from CC-CEDICT. */
function buildMatrix() {
  const entries = dictionaryEntries()
  const stemOf = new Map<string, string>()
  const stem = (word: string) => {
    let s = stemOf.get(word)
    if (s === undefined) stemOf.set(word, (s = stemEnglish(word)))
    return s
  }
  const entryStems = entries.map((entry) => {
    const stems = new Set<string>()
    for (const gloss of entry.glosses)
      for (const word of englishWords(cleanGloss(gloss))) if (word.length > 1 && !ENGLISH_STOPWORDS.has(word)) stems.add(stem(word))
    return [...stems]
  })
  // an English word seen in one entry only says nothing about similarity: leave it out
  const stemCounts = new Map<string, number>()
  for (const stems of entryStems) for (const s of stems) stemCounts.set(s, (stemCounts.get(s) ?? 0) + 1)
  const chinese = new Map<string, number>()
  const english = new Map<string, number>()
  const pairs: Map<number, number>[] = []
  const englishDf: number[] = []
  entries.forEach((entry, e) => {
    const stems = entryStems[e].filter((s) => stemCounts.get(s)! >= 2)
    if (!stems.length) return
    let row = chinese.get(entry.word)
    if (row === undefined) chinese.set(entry.word, (row = chinese.size))
    const cells = (pairs[row] ??= new Map())
    for (const s of stems) {
      let col = english.get(s)
      if (col === undefined) english.set(s, (col = english.size))
      englishDf[col] = (englishDf[col] ?? 0) + 1
      cells.set(col, (cells.get(col) ?? 0) + 1)
    }
  })
  // PPMI with context-distribution smoothing (α = 0.75)
  const rowTotals = new Float64Array(chinese.size)
  const colTotals = new Float64Array(english.size)
  let total = 0
  pairs.forEach((cells, row) => {
    for (const [col, count] of cells) {
      rowTotals[row] += count
      colTotals[col] += count
      total += count
    }
  })
  const smoothed = colTotals.map((c) => c ** 0.75)
  const smoothedTotal = smoothed.reduce((a, b) => a + b, 0)
  const indptr = new Int32Array(chinese.size + 1)
  const indices: number[] = []
  const values: number[] = []
  for (let row = 0; row < chinese.size; row++) {
    for (const [col, count] of pairs[row] ?? []) {
      const pmi = Math.log(count / total / ((rowTotals[row] / total) * (smoothed[col] / smoothedTotal)))
      if (pmi > 0) {
        indices.push(col)
        values.push(pmi)
      }
    }
    indptr[row + 1] = indices.length
  }
  const rows: CsrMatrix = { rows: chinese.size, cols: english.size, indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) }
  const englishIdf = Float32Array.from(englishDf, (df) => Math.log(entries.length / (df || 1)))
  return { rows, chinese: [...chinese.keys()], english: [...english.keys()], englishIdf }
}

/** A Chinese word's unit vector from its PPMI row: row·(V·Σ^½)·Σ^-1. */
function chineseRowVector(model: Pick<BilingualModel, 'rows' | 'englishVectors' | 'sigma' | 'dimension'>, row: number): Float32Array {
  const { indptr, indices, values } = model.rows
  const k = model.dimension
  const vector = new Float32Array(k)
  for (let p = indptr[row]; p < indptr[row + 1]; p++) {
    const base = indices[p] * k
    for (let d = 0; d < k; d++) vector[d] += values[p] * model.englishVectors[base + d]
  }
  for (let d = 0; d < k; d++) vector[d] /= model.sigma[d] || 1
  return normalizeVector(vector)
}

/** jieba's word counts: how often each word occurs in running text. */
function jiebaFrequencies(): Map<string, number> {
  const { dict } = createRequire(import.meta.url)('@node-rs/jieba/dict.js') as { dict: Buffer }
  const out = new Map<string, number>()
  for (const line of dict.toString('utf8').split('\n')) {
    const [word, count] = line.split(' ')
    if (word && count) out.set(word, Number(count))
  }
  return out
}

/** The geometry of texts made of the most frequent Chinese words, each weighted as embedText weighs it. */
function textGeometry(model: Omit<BilingualModel, 'geometry'>, chinese: string[]): Geometry {
  const frequencies = jiebaFrequencies()
  const words = chinese
    .map((word, row) => ({ word, row, frequency: frequencies.get(word) ?? 0 }))
    .filter(({ word, frequency }) => frequency > 0 && !CHINESE_STOPWORDS.has(word))
    .sort((a, b) => b.frequency - a.frequency)
    .slice(0, GEOMETRY_WORDS)
    .map(({ word, row, frequency }) => ({ vector: chineseRowVector(model, row), frequency, weight: chineseIdf(word) }))
  return estimateGeometry(words, model.dimension, TOP_DIRECTIONS)
}

const POWER_ITERATIONS = 1
// work units per phase, roughly proportional to their time
const MATRIX_WORK = 3
const SVD_STEP_WORK = 1.5
const SVD_STEPS = 2 * (POWER_ITERATIONS + 1) + 3
const GEOMETRY_WORK = 3

function buildModel(progress: BuildProgress): BilingualModel {
  const total = MATRIX_WORK + SVD_STEPS * SVD_STEP_WORK + GEOMETRY_WORK
  progress('reading CC-CEDICT', 0, total)
  const { rows, chinese, english, englishIdf } = buildMatrix()
  progress('randomized SVD', MATRIX_WORK, total)
  const { singularValues, v } = truncatedSvd(rows, DIMENSION, {
    oversample: 10,
    powerIterations: POWER_ITERATIONS,
    onStep: (done) => progress('randomized SVD', MATRIX_WORK + done * SVD_STEP_WORK, total),
  })
  progress('text geometry', total - GEOMETRY_WORK, total)
  const englishVectors = new Float32Array(english.length * DIMENSION)
  for (let e = 0; e < english.length; e++)
    for (let d = 0; d < DIMENSION; d++) englishVectors[e * DIMENSION + d] = v[e * DIMENSION + d] * Math.sqrt(singularValues[d])
  const model = {
    dimension: DIMENSION,
    sigma: Float32Array.from(singularValues),
    english: StringTable.build(english),
    englishVectors,
    englishIdf,
    chinese: StringTable.build(chinese),
    rows,
  }
  const geometry = textGeometry(model, chinese)
  progress('done', total, total)
  return { ...model, geometry }
}

interface ModelMeta {
  id: string
  dimension: number
  /** the English stopwords its gloss words were filtered with */
  stopwords: string
}

function writeModel(file: string, m: BilingualModel) {
  writeBinaryCache(file, { id: BUILTIN_EMBEDDER_ID, dimension: m.dimension, stopwords: STOPWORDS_FINGERPRINT } satisfies ModelMeta, {
    sigma: m.sigma,
    englishVectors: m.englishVectors,
    englishIdf: m.englishIdf,
    'rows.indptr': m.rows.indptr,
    'rows.indices': m.rows.indices,
    'rows.values': m.rows.values,
    mean: m.geometry.mean,
    directions: m.geometry.directions,
    ...m.english.sections('english'),
    ...m.chinese.sections('chinese'),
  })
}

function readModel(file: string): BilingualModel | undefined {
  const cache = readBinaryCache<ModelMeta>(file, (meta) => meta.id === BUILTIN_EMBEDDER_ID && meta.stopwords === STOPWORDS_FINGERPRINT)
  if (!cache) return undefined
  const s = cache.sections
  const english = StringTable.fromSections(s, 'english')
  const chinese = StringTable.fromSections(s, 'chinese')
  return {
    dimension: cache.meta.dimension,
    sigma: s.sigma as Float32Array,
    english,
    englishVectors: s.englishVectors as Float32Array,
    englishIdf: s.englishIdf as Float32Array,
    chinese,
    rows: {
      rows: chinese.size,
      cols: english.size,
      indptr: s['rows.indptr'] as Int32Array,
      indices: s['rows.indices'] as Int32Array,
      values: s['rows.values'] as Float32Array,
    },
    geometry: { mean: s.mean as Float32Array, directions: s.directions as Float32Array },
  }
}

const loaded = new Map<string, BilingualModel>()

/** The cache file of the built-in model (checked by a CRC; a damaged one is rebuilt). */
export const bilingualModelFile = (cacheDir: string) => join(cacheDir, `${BUILTIN_EMBEDDER_ID}.bin`)

/** Earlier versions' model files (tens of MB each) are of no further use once this one is built. */
function removeOlderModels(cacheDir: string, current: string) {
  for (const name of readdirSync(cacheDir))
    if (/^builtin-cedict(-v\d+)?\.bin$/.test(name) && join(cacheDir, name) !== current) rmSync(join(cacheDir, name), { force: true })
}

/** Load the built-in model from the cache directory, building it (once) if it is not there. */
export function loadBilingualModel(cacheDir: string, log: (message: string) => void = () => {}, progress: BuildProgress = () => {}): BilingualModel {
  const file = bilingualModelFile(cacheDir)
  let model = loaded.get(file) ?? readModel(file)
  if (!model) {
    log('Building the built-in bilingual embedder from CC-CEDICT (once; it is cached)…')
    const started = Date.now()
    model = buildModel(progress)
    writeModel(file, model)
    log(`English vocabulary ${model.english.size}, Chinese words ${model.chinese.size}, entries ${model.rows.indices.length}`)
    log(`Built the bilingual embedder in ${((Date.now() - started) / 1000).toFixed(1)} s → ${file}`)
    removeOlderModels(cacheDir, file)
  }
  loaded.set(file, model)
  return model
}

/** Offline bilingual embedder: Chinese and English words share one space learned from CC-CEDICT. */
function wordCounts(words: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1)
  return counts
}

export class BilingualEmbedder implements Embedder {
  readonly id = BUILTIN_EMBEDDER_ID
  readonly dimension: number
  // two generations of computed word vectors (by dictionary row): when the recent one fills up, it
  // becomes the older one, so the words a corpus keeps using stay cached while rare ones pass through
  private recentRows = new Map<number, Float32Array>()
  private olderRows = new Map<number, Float32Array>()
  /** dictionary row of each character of the Basic Multilingual Plane (-1: none or a stop word), looked up once */
  private readonly bmpCharacterRows = new Int32Array(0x10000).fill(NOT_LOOKED_UP)

  constructor(private readonly model: BilingualModel) {
    this.dimension = model.dimension
  }

  static load(cacheDir: string, log?: (message: string) => void, progress?: BuildProgress): BilingualEmbedder {
    return new BilingualEmbedder(loadBilingualModel(cacheDir, log, progress))
  }

  /** The unit vector of a Chinese word (null when the dictionary does not know it). */
  chineseVector(word: string): Float32Array | null {
    const row = this.model.chinese.indexOf(word)
    return row < 0 ? null : this.rowVector(row)
  }

  private rowVector(row: number): Float32Array {
    let vector = this.recentRows.get(row)
    if (vector) return vector
    vector = this.olderRows.get(row) ?? chineseRowVector(this.model, row)
    // bounded: a long-running server embeds many distinct queries, and each ingest worker keeps its own
    if (this.recentRows.size >= CHINESE_CACHE_WORDS / 2) {
      this.olderRows = this.recentRows
      this.recentRows = new Map()
    }
    this.recentRows.set(row, vector)
    return vector
  }

  /** A Chinese word's vector, or for a compound the dictionary does not know, its known characters' sharing its weight. */
  private addChinese(word: string, weight: number, add: (vector: Float32Array, weight: number) => void): void {
    const row = this.model.chinese.indexOf(word)
    if (row >= 0) {
      add(this.rowVector(row), weight)
      return
    }
    const rows = this.characterRows(word)
    for (const charRow of rows) add(this.rowVector(charRow), weight / rows.length)
  }

  /** The dictionary rows of a word's characters that are in the dictionary and not stop words. */
  private characterRows(word: string): number[] {
    const rows: number[] = []
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i)
      if (code >= 0xd800 && code <= 0xdfff) return this.characterRowsOfAnyPlane(word)
      let row = this.bmpCharacterRows[code]
      if (row === NOT_LOOKED_UP) row = this.bmpCharacterRows[code] = this.characterRow(word[i])
      if (row >= 0) rows.push(row)
    }
    return rows
  }

  private characterRowsOfAnyPlane(word: string): number[] {
    return [...word].map((c) => this.characterRow(c)).filter((row) => row >= 0)
  }

  private characterRow(c: string): number {
    return CHINESE_STOPWORDS.has(c) ? -1 : this.model.chinese.indexOf(c)
  }

  englishVector(word: string): Float32Array | null {
    const index = this.model.english.indexOf(stemEnglish(word))
    if (index < 0) return null
    return normalizeVector(this.model.englishVectors.slice(index * this.dimension, (index + 1) * this.dimension))
  }

  /** IDF-weighted mean of the word vectors, centred; unknown Chinese compounds back off to their characters. */
  embedText(text: string): Float32Array {
    return this.embedWords(segment(toSimplified(text)))
  }

  /** `embedText` of a text whose words (`segment` of its simplified form) are known. */
  private embedWords(words: string[]): Float32Array {
    // summed in doubles, in one pass (no rounding to float32 after every addition: about three times faster)
    const sum = new Float64Array(this.dimension)
    let totalWeight = 0
    const add = (vector: Float32Array, weight: number) => {
      for (let d = 0; d < sum.length; d++) sum[d] += weight * vector[d]
      totalWeight += weight
    }
    // each distinct word once, weighted by its count: passages repeat their words
    for (const [word, count] of wordCounts(words)) {
      if (isHan(word)) {
        if (CHINESE_STOPWORDS.has(word)) continue
        this.addChinese(word, count * chineseIdf(word), add)
      } else if (/^[a-z]/i.test(word)) {
        const lower = word.toLowerCase()
        if (ENGLISH_STOPWORDS.has(lower)) continue
        const index = this.model.english.indexOf(stemEnglish(lower))
        if (index >= 0) add(this.englishVector(lower)!, count * this.model.englishIdf[index])
      }
    }
    const mean = Float32Array.from(sum)
    return normalizeVector(totalWeight > 0 ? applyGeometry(mean, totalWeight, this.model.geometry) : mean)
  }

  async embedDocuments(texts: string[], onProgress?: (done: number) => void): Promise<Float32Array[]> {
    return texts.map((t, i) => {
      const v = this.embedText(t)
      onProgress?.(i + 1)
      return v
    })
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embedText(text)
  }

  /** Words of a text that has characters to simplify are not its simplified form's: those are segmented again. */
  async embedSegmented(texts: string[], words: string[][]): Promise<Float32Array[]> {
    return texts.map((text, i) => {
      const simplified = toSimplified(text)
      return this.embedWords(simplified === text ? words[i] : segment(simplified))
    })
  }
}
