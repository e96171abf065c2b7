import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { chineseIdf, cleanGloss, dictionaryEntries } from '../text/dictionary'
import { toSimplified } from '../text/lang'
import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS, englishWords, isHan, segment, stemEnglish } from '../text/segment'
import { type CsrMatrix, truncatedSvd } from './svd'
import { type Embedder, normalizeVector } from './types'

export const BUILTIN_EMBEDDER_ID = 'builtin-cedict'
const MODEL_VERSION = 1
const DIMENSION = 256

/**
 * The model: English gloss-word vectors (V·Σ^½ of the PPMI matrix's SVD) plus each Chinese word's
 * sparse PPMI row, from which its vector (U·Σ^½ = row·V·Σ^-½) is computed when first needed.
 */
interface BilingualModel {
  dimension: number
  sigma: Float32Array
  englishIndex: Map<string, number>
  englishVectors: Float32Array
  englishIdf: Float32Array
  chineseIndex: Map<string, number>
  rows: CsrMatrix
}

interface ModelHeader {
  version: number
  dimension: number
  sigma: number[]
  english: string[]
  englishIdf: number[]
  chinese: string[]
  nnz: number
}

/** Build the Chinese-word × English-gloss-word PPMI matrix from CC-CEDICT. */
function buildMatrix() {
  const chinese = new Map<string, number>()
  const english = new Map<string, number>()
  const pairs = new Map<number, Map<number, number>>()
  const englishDf: number[] = []
  const entries = dictionaryEntries()
  const stemsOf = (entry: (typeof entries)[number]) => {
    const stems = new Set<string>()
    for (const gloss of entry.glosses)
      for (const word of englishWords(cleanGloss(gloss))) if (word.length > 1 && !ENGLISH_STOPWORDS.has(word)) stems.add(stemEnglish(word))
    return stems
  }
  // an English word seen in one entry only says nothing about similarity: leave it out
  const stemCounts = new Map<string, number>()
  for (const entry of entries) for (const stem of stemsOf(entry)) stemCounts.set(stem, (stemCounts.get(stem) ?? 0) + 1)
  for (const entry of entries) {
    const stems = [...stemsOf(entry)].filter((s) => stemCounts.get(s)! >= 2)
    if (!stems.length) continue
    let row = chinese.get(entry.word)
    if (row === undefined) chinese.set(entry.word, (row = chinese.size))
    let cells = pairs.get(row)
    if (!cells) pairs.set(row, (cells = new Map()))
    for (const stem of stems) {
      let col = english.get(stem)
      if (col === undefined) english.set(stem, (col = english.size))
      englishDf[col] = (englishDf[col] ?? 0) + 1
      cells.set(col, (cells.get(col) ?? 0) + 1)
    }
  }
  // PPMI with context-distribution smoothing (α = 0.75)
  const rowTotals = new Float64Array(chinese.size)
  const colTotals = new Float64Array(english.size)
  let total = 0
  for (const [row, cells] of pairs)
    for (const [col, count] of cells) {
      rowTotals[row] += count
      colTotals[col] += count
      total += count
    }
  const smoothed = colTotals.map((c) => c ** 0.75)
  const smoothedTotal = smoothed.reduce((a, b) => a + b, 0)
  const indptr = new Int32Array(chinese.size + 1)
  const indices: number[] = []
  const values: number[] = []
  for (let row = 0; row < chinese.size; row++) {
    for (const [col, count] of pairs.get(row) ?? []) {
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

function buildModel(): { header: ModelHeader; englishVectors: Float32Array; rows: CsrMatrix } {
  const { rows, chinese, english, englishIdf } = buildMatrix()
  const { singularValues, v } = truncatedSvd(rows, DIMENSION, { oversample: 10, powerIterations: 1 })
  const englishVectors = new Float32Array(english.length * DIMENSION)
  for (let e = 0; e < english.length; e++)
    for (let d = 0; d < DIMENSION; d++) englishVectors[e * DIMENSION + d] = v[e * DIMENSION + d] * Math.sqrt(singularValues[d])
  const header: ModelHeader = {
    version: MODEL_VERSION,
    dimension: DIMENSION,
    sigma: [...singularValues],
    english,
    englishIdf: [...englishIdf],
    chinese,
    nnz: rows.indices.length,
  }
  return { header, englishVectors, rows }
}

function writeModel(file: string, model: ReturnType<typeof buildModel>) {
  mkdirSync(dirname(file), { recursive: true })
  const header = Buffer.from(JSON.stringify(model.header), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32LE(header.length)
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(
    tmp,
    Buffer.concat([
      length,
      header,
      Buffer.from(model.englishVectors.buffer, model.englishVectors.byteOffset, model.englishVectors.byteLength),
      Buffer.from(model.rows.indptr.buffer),
      Buffer.from(model.rows.indices.buffer),
      Buffer.from(model.rows.values.buffer),
    ]),
  )
  renameSync(tmp, file)
}

function readModel(file: string): BilingualModel | undefined {
  const bytes = readFileSync(file)
  const headerLength = bytes.readUInt32LE(0)
  const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as ModelHeader
  if (header.version !== MODEL_VERSION) return undefined
  let offset = 4 + headerLength
  const take = <T>(Type: { new (b: ArrayBuffer): T }, count: number, size: number): T => {
    const copy = bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * size)
    offset += count * size
    return new Type(copy as ArrayBuffer)
  }
  const k = header.dimension
  const englishVectors = take(Float32Array, header.english.length * k, 4)
  const indptr = take(Int32Array, header.chinese.length + 1, 4)
  const indices = take(Int32Array, header.nnz, 4)
  const values = take(Float32Array, header.nnz, 4)
  return {
    dimension: k,
    sigma: Float32Array.from(header.sigma),
    englishIndex: new Map(header.english.map((w, i) => [w, i])),
    englishVectors,
    englishIdf: Float32Array.from(header.englishIdf),
    chineseIndex: new Map(header.chinese.map((w, i) => [w, i])),
    rows: { rows: header.chinese.length, cols: header.english.length, indptr, indices, values },
  }
}

const loaded = new Map<string, BilingualModel>()

/** Load the built-in model from the cache directory, building it (once) if it is not there. */
export function loadBilingualModel(cacheDir: string, log: (message: string) => void = () => {}): BilingualModel {
  const file = join(cacheDir, `${BUILTIN_EMBEDDER_ID}-v${MODEL_VERSION}.bin`)
  const cached = loaded.get(file)
  if (cached) return cached
  let model = existsSync(file) ? readModel(file) : undefined
  if (!model) {
    log('Building the built-in bilingual embedder from CC-CEDICT (once; it is cached)…')
    const started = Date.now()
    writeModel(file, buildModel())
    model = readModel(file)!
    log(`English vocabulary ${model.englishIndex.size}, Chinese words ${model.chineseIndex.size}, entries ${model.rows.indices.length}`)
    log(`Built the bilingual embedder in ${((Date.now() - started) / 1000).toFixed(1)} s → ${file}`)
  }
  loaded.set(file, model)
  return model
}

/** Offline bilingual embedder: Chinese and English words share one space learned from CC-CEDICT. */
export class BilingualEmbedder implements Embedder {
  readonly id = BUILTIN_EMBEDDER_ID
  readonly dimension: number
  private readonly chineseCache = new Map<string, Float32Array | null>()

  constructor(private readonly model: BilingualModel) {
    this.dimension = model.dimension
  }

  static load(cacheDir: string, log?: (message: string) => void): BilingualEmbedder {
    return new BilingualEmbedder(loadBilingualModel(cacheDir, log))
  }

  /** The unit vector of a Chinese word (null when the dictionary does not know it). */
  chineseVector(word: string): Float32Array | null {
    if (this.chineseCache.has(word)) return this.chineseCache.get(word)!
    const row = this.model.chineseIndex.get(word)
    let vector: Float32Array | null = null
    if (row !== undefined) {
      const { indptr, indices, values } = this.model.rows
      const k = this.dimension
      vector = new Float32Array(k)
      for (let p = indptr[row]; p < indptr[row + 1]; p++) {
        const base = indices[p] * k
        for (let d = 0; d < k; d++) vector[d] += values[p] * this.model.englishVectors[base + d]
      }
      for (let d = 0; d < k; d++) vector[d] /= this.model.sigma[d] || 1
      normalizeVector(vector)
    }
    this.chineseCache.set(word, vector)
    return vector
  }

  englishVector(word: string): Float32Array | null {
    const index = this.model.englishIndex.get(stemEnglish(word))
    if (index === undefined) return null
    return normalizeVector(this.model.englishVectors.slice(index * this.dimension, (index + 1) * this.dimension))
  }

  /** IDF-weighted mean of the word vectors; unknown Chinese compounds back off to their characters. */
  embedText(text: string): Float32Array {
    const sum = new Float32Array(this.dimension)
    const add = (vector: Float32Array | null, weight: number) => {
      if (vector) for (let d = 0; d < sum.length; d++) sum[d] += weight * vector[d]
      return !!vector
    }
    for (const word of segment(toSimplified(text))) {
      if (isHan(word)) {
        if (CHINESE_STOPWORDS.has(word)) continue
        const weight = chineseIdf(word)
        if (!add(this.chineseVector(word), weight)) {
          const chars = [...word].filter((c) => !CHINESE_STOPWORDS.has(c))
          for (const c of chars) add(this.chineseVector(c), weight / chars.length)
        }
      } else if (/^[a-z]/i.test(word)) {
        const lower = word.toLowerCase()
        if (ENGLISH_STOPWORDS.has(lower)) continue
        const index = this.model.englishIndex.get(stemEnglish(lower))
        if (index !== undefined) add(this.englishVector(lower), this.model.englishIdf[index])
      }
    }
    return normalizeVector(sum)
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
}
