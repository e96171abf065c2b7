import { EigenvalueDecomposition, Matrix } from 'ml-matrix'

/** A sparse matrix in compressed-row form. */
export interface CsrMatrix {
  rows: number
  cols: number
  indptr: Int32Array
  indices: Int32Array
  values: Float32Array
}

/** Deterministic normal samples (mulberry32 + Box–Muller), so the built model is reproducible. */
function normalSampler(seed: number) {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform())
}

// Dense blocks are stored column by column: cols[j] is column j.
type Columns = Float64Array[]

// Sparse products work on row-major blocks (contiguous inner loops); Gram–Schmidt on columns.
function toRowMajor(cols: Columns, rows: number): Float64Array {
  const l = cols.length
  const out = new Float64Array(rows * l)
  for (let j = 0; j < l; j++) for (let r = 0; r < rows; r++) out[r * l + j] = cols[j][r]
  return out
}

function toColumns(m: Float64Array, rows: number, l: number): Columns {
  const cols = Array.from({ length: l }, () => new Float64Array(rows))
  for (let r = 0; r < rows; r++) for (let j = 0; j < l; j++) cols[j][r] = m[r * l + j]
  return cols
}

/**
 * Row-major dense product with sparse A: out = A·input (input has A.cols rows), or with `transposed`
 * out = Aᵀ·input (input has A.rows rows). Both walk A's rows; only which side is indexed by column differs.
 */
function sparseProduct(a: CsrMatrix, input: Float64Array, l: number, transposed: boolean): Float64Array {
  const out = new Float64Array((transposed ? a.cols : a.rows) * l)
  const [from, to] = transposed ? [out, input] : [input, out]
  for (let r = 0; r < a.rows; r++) {
    const row = r * l
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const col = a.indices[p] * l
      const v = a.values[p]
      // not transposed: to[row] += v·from[col]; transposed: from[col] += v·to[row]
      if (transposed) for (let j = 0; j < l; j++) from[col + j] += v * to[row + j]
      else for (let j = 0; j < l; j++) to[row + j] += v * from[col + j]
    }
  }
  return out
}

/** AᵀA · X for X with A.cols rows. */
function gramTimes(a: CsrMatrix, x: Columns): Columns {
  const l = x.length
  const ax = sparseProduct(a, toRowMajor(x, a.cols), l, false)
  return toColumns(sparseProduct(a, ax, l, true), a.cols, l)
}

/** Modified Gram–Schmidt, in place. */
function orthonormalize(q: Columns): Columns {
  for (let j = 0; j < q.length; j++) {
    const qj = q[j]
    for (let i = 0; i < j; i++) {
      const qi = q[i]
      let d = 0
      for (let k = 0; k < qj.length; k++) d += qi[k] * qj[k]
      for (let k = 0; k < qj.length; k++) qj[k] -= d * qi[k]
    }
    let norm = 0
    for (let k = 0; k < qj.length; k++) norm += qj[k] * qj[k]
    norm = Math.sqrt(norm) || 1
    for (let k = 0; k < qj.length; k++) qj[k] /= norm
  }
  return q
}

/**
 * Top-k right singular vectors and singular values of a sparse A (randomized range finder with
 * power iterations on AᵀA, then an exact eigendecomposition of the small projected matrix).
 */
export function truncatedSvd(a: CsrMatrix, k: number, options: { oversample?: number; powerIterations?: number; seed?: number } = {}) {
  const l = Math.min(a.cols, k + (options.oversample ?? 16))
  const normal = normalSampler(options.seed ?? 42)
  let q: Columns = Array.from({ length: l }, () => Float64Array.from({ length: a.cols }, normal))
  for (let i = 0; i <= (options.powerIterations ?? 2); i++) q = orthonormalize(gramTimes(a, q))
  const z = gramTimes(a, q)
  const t = new Matrix(l, l)
  for (let i = 0; i < l; i++)
    for (let j = i; j < l; j++) {
      let d = 0
      for (let r = 0; r < a.cols; r++) d += q[i][r] * z[j][r]
      t.set(i, j, d)
      t.set(j, i, d)
    }
  const eig = new EigenvalueDecomposition(t, { assumeSymmetric: true })
  const order = eig.realEigenvalues
    .map((v, i) => [v, i] as const)
    .sort((x, y) => y[0] - x[0])
    .slice(0, k)
  const w = eig.eigenvectorMatrix
  const singularValues = Float64Array.from(order, ([v]) => Math.sqrt(Math.max(v, 0)))
  // V = Q·W: a.cols × k, row-major
  const v = new Float64Array(a.cols * k)
  order.forEach(([, col], d) => {
    for (let i = 0; i < l; i++) {
      const weight = w.get(i, col)
      if (weight === 0) continue
      const qi = q[i]
      for (let r = 0; r < a.cols; r++) v[r * k + d] += weight * qi[r]
    }
  })
  return { singularValues, v }
}
