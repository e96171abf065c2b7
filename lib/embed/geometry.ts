import { EigenvalueDecomposition, Matrix } from 'ml-matrix'

/**
 * "All-but-the-top" post-processing (Mu & Viswanath 2018): the common mean vector and the top
 * principal directions of text vectors carry what all texts share, and bunch them together (mean
 * cosine between unrelated passages ≈ 0.4). Removing them spreads texts out for cosine search.
 */
export interface Geometry {
  /** the expected word vector per unit of weight, subtracted once per unit of weight in a text */
  mean: Float32Array
  /** unit directions removed after centring, row-major (count × dimension) */
  directions: Float32Array
}

/**
 * Statistics of a text vector Σ weight·v(word) with words drawn by their frequency: the mean per unit
 * weight is E[w·v]/E[w] and, after centring, the covariance is E[w²·(v−mean)(v−mean)ᵀ].
 */
export function estimateGeometry(words: { vector: Float32Array; frequency: number; weight: number }[], dimension: number, top: number): Geometry {
  const mean = new Float64Array(dimension)
  let total = 0
  for (const { vector, frequency, weight } of words) {
    total += frequency * weight
    for (let d = 0; d < dimension; d++) mean[d] += frequency * weight * vector[d]
  }
  for (let d = 0; d < dimension; d++) mean[d] /= total || 1
  if (top === 0) return { mean: Float32Array.from(mean), directions: new Float32Array(0) }
  const covariance = new Float64Array(dimension * dimension)
  const centred = new Float64Array(dimension)
  for (const { vector, frequency, weight } of words) {
    const w = frequency * weight * weight
    for (let d = 0; d < dimension; d++) centred[d] = vector[d] - mean[d]
    for (let i = 0; i < dimension; i++) {
      const ci = w * centred[i]
      const row = i * dimension
      for (let j = i; j < dimension; j++) covariance[row + j] += ci * centred[j]
    }
  }
  const m = new Matrix(dimension, dimension)
  for (let i = 0; i < dimension; i++) for (let j = i; j < dimension; j++) m.set(i, j, covariance[i * dimension + j]).set(j, i, covariance[i * dimension + j])
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true })
  const order = eig.realEigenvalues
    .map((value, index) => ({ value, index }))
    .sort((a, b) => b.value - a.value)
    .slice(0, top)
  const directions = new Float32Array(order.length * dimension)
  order.forEach(({ index }, r) => {
    for (let d = 0; d < dimension; d++) directions[r * dimension + d] = eig.eigenvectorMatrix.get(d, index)
  })
  return { mean: Float32Array.from(mean), directions }
}

/** Centre a weighted sum of word vectors (its total weight given) and remove the top directions, in place. */
export function applyGeometry(sum: Float32Array, totalWeight: number, g: Geometry): Float32Array {
  const k = sum.length
  for (let d = 0; d < k; d++) sum[d] -= totalWeight * g.mean[d]
  for (let r = 0; r < g.directions.length / k; r++) {
    let c = 0
    for (let d = 0; d < k; d++) c += g.directions[r * k + d] * sum[d]
    for (let d = 0; d < k; d++) sum[d] -= c * g.directions[r * k + d]
  }
  return sum
}
