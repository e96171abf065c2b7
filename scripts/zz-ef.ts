import { createEmbedder } from '../lib/embed'
import { allVectors, corpusQueries, hnswRecall } from '../lib/index/bench'
import { loadIndex } from '../lib/index/open'

const index = loadIndex(process.argv[2])
const e = await createEmbedder('builtin-cedict', { cacheDir: 'data/cache' })
const { zh, en } = corpusQueries(index, { zh: 100, en: 50 })
const vs = await Promise.all([...zh, ...en].map((q) => e.embedQuery(q)))
const all = allVectors(index)
for (const ef of [50, 100, 200, 400, 800, 1600]) {
  index.hnsw.setEf(ef)
  const t = performance.now()
  const r = hnswRecall(index, all, vs)
  console.log(ef, r.toFixed(3))
}
// mean cosine between random vectors
let s = 0
const n = 2000
const d = all.dimension
for (let i = 0; i < n; i++) {
  const a = Math.floor(Math.random() * all.labels.length),
    b = Math.floor(Math.random() * all.labels.length)
  let x = 0
  for (let j = 0; j < d; j++) x += all.vectors[a * d + j] * all.vectors[b * d + j]
  s += x
}
console.log('mean cos', s / n)
