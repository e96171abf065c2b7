import { CholeskyDecomposition, EigenvalueDecomposition, inverse, Matrix } from 'ml-matrix'

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

// Every dense block is row-major (n × l, row r at r·l), so that all inner loops run over contiguous memory.

/**
 * Dense product with sparse A: out = A·input (input has A.cols rows), or with `transposed`
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
const gramTimes = (a: CsrMatrix, x: Float64Array, l: number) => sparseProduct(a, sparseProduct(a, x, l, false), l, true)

/** Xᵀ·Y (l × l) for n × l blocks X and Y; only the upper triangle when symmetric. */
function innerProducts(x: Float64Array, y: Float64Array, n: number, l: number, symmetric: boolean): Matrix {
  const acc = new Float64Array(l * l)
  let r = 0
  // four rows at a time: each accumulator is loaded and stored once per four rows (about twice as fast)
  for (; r + 3 < n; r += 4) {
    const a = r * l
    const b = a + l
    const c = b + l
    const d = c + l
    for (let i = 0; i < l; i++) {
      const xa = x[a + i]
      const xb = x[b + i]
      const xc = x[c + i]
      const xd = x[d + i]
      const out = i * l
      for (let j = symmetric ? i : 0; j < l; j++) acc[out + j] += xa * y[a + j] + xb * y[b + j] + xc * y[c + j] + xd * y[d + j]
    }
  }
  for (; r < n; r++) {
    const row = r * l
    for (let i = 0; i < l; i++) {
      const xi = x[row + i]
      const out = i * l
      for (let j = symmetric ? i : 0; j < l; j++) acc[out + j] += xi * y[row + j]
    }
  }
  const m = new Matrix(l, l)
  for (let i = 0; i < l; i++) for (let j = symmetric ? i : 0; j < l; j++) m.set(i, j, acc[i * l + j]).set(j, i, acc[i * l + j])
  return m
}

/** X·W for an n × l block X and an l × k matrix W (row-major), four of X's columns at a time; W may be upper triangular. */
function timesSmall(x: Float64Array, n: number, l: number, w: Float64Array, k: number, upperTriangular = false): Float64Array {
  const out = new Float64Array(n * k)
  for (let r = 0; r < n; r++) {
    const row = r * l
    const o = r * k
    let i = 0
    for (; i + 3 < l; i += 4) {
      const x0 = x[row + i]
      const x1 = x[row + i + 1]
      const x2 = x[row + i + 2]
      const x3 = x[row + i + 3]
      const w0 = i * k
      for (let d = upperTriangular ? i : 0; d < k; d++) out[o + d] += x0 * w[w0 + d] + x1 * w[w0 + k + d] + x2 * w[w0 + 2 * k + d] + x3 * w[w0 + 3 * k + d]
    }
    for (; i < l; i++) {
      const xi = x[row + i]
      const wi = i * k
      for (let d = upperTriangular ? i : 0; d < k; d++) out[o + d] += xi * w[wi + d]
    }
  }
  return out
}

/**
 * Orthonormal basis of Y's columns by Cholesky QR (Q = Y·L⁻ᵀ with YᵀY = L·Lᵀ): two passes of
 * contiguous row operations instead of Gram–Schmidt's column sweeps. One pass is enough here: the
 * blocks are well conditioned (cond(Y)² ≪ 1/ε) and the final Rayleigh–Ritz step absorbs what is left.
 */
function orthonormalize(y: Float64Array, n: number, l: number): Float64Array {
  const gram = innerProducts(y, y, n, l, true)
  // a tiny ridge keeps the factorization defined if the block is (numerically) rank-deficient
  const ridge = (gram.trace() / l) * 1e-12
  for (let i = 0; i < l; i++) gram.set(i, i, gram.get(i, i) + ridge)
  // Q = Y·L⁻ᵀ: inverting the small triangular L costs l³/3, and the product runs four columns at a time
  const lower = new CholeskyDecomposition(gram).lowerTriangularMatrix
  const inverseTransposed = Float64Array.from(inverse(lower).transpose().to1DArray())
  return timesSmall(y, n, l, inverseTransposed, l, true)
}

/**
 * Top-k right singular vectors and singular values of a sparse A (randomized range finder with
 * power iterations on AᵀA, then an exact eigendecomposition of the small projected matrix).
 */
export function truncatedSvd(
  a: CsrMatrix,
  k: number,
  options: { oversample?: number; powerIterations?: number; seed?: number; onStep?: (done: number, total: number) => void } = {},
) {
  const powerIterations = options.powerIterations ?? 2
  const steps = 2 * (powerIterations + 1) + 3
  let step = 0
  const stepDone = () => options.onStep?.(++step, steps)
  const n = a.cols
  const l = Math.min(n, k + (options.oversample ?? 16))
  const normal = normalSampler(options.seed ?? 42)
  let q: Float64Array = new Float64Array(n * l)
  for (let j = 0; j < l; j++) for (let r = 0; r < n; r++) q[r * l + j] = normal()
  for (let i = 0; i <= powerIterations; i++) {
    const y = gramTimes(a, q, l)
    stepDone()
    q = orthonormalize(y, n, l)
    stepDone()
  }
  const z = gramTimes(a, q, l)
  stepDone()
  const t = innerProducts(q, z, n, l, true)
  stepDone()
  const eig = new EigenvalueDecomposition(t, { assumeSymmetric: true })
  const order = eig.realEigenvalues
    .map((v, i) => [v, i] as const)
    .sort((x, y) => y[0] - x[0])
    .slice(0, k)
  const singularValues = Float64Array.from(order, ([v]) => Math.sqrt(Math.max(v, 0)))
  // V = Q·W (n × k, row-major), W's columns in the order of decreasing eigenvalue
  const w = new Float64Array(l * k)
  order.forEach(([, col], d) => {
    for (let i = 0; i < l; i++) w[i * k + d] = eig.eigenvectorMatrix.get(i, col)
  })
  const v = timesSmall(q, n, l, w, k)
  stepDone()
  return { singularValues, v }
}
