/** Turns texts into unit-length vectors in one space shared by Chinese and English. */
export interface Embedder {
  /** stable id recorded in the index manifest, e.g. "builtin-cedict" or "transformers:Xenova/multilingual-e5-small" */
  readonly id: string
  readonly dimension: number
  embedDocuments(texts: string[], onProgress?: (done: number) => void): Promise<Float32Array[]>
  embedQuery(text: string): Promise<Float32Array>
  /** Embed texts whose jieba words (`segment(text)`) are already known, saving a segmentation (embedders that segment with jieba). */
  embedSegmented?(texts: string[], words: string[][]): Promise<Float32Array[]>
}

export function normalizeVector(v: Float32Array): Float32Array {
  let norm = 0
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i]
  norm = Math.sqrt(norm)
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm
  return v
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}
