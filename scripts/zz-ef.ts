import { createRequire } from 'node:module'
import { createEmbedder } from '../lib/embed'
import { allVectors, corpusQueries, hnswRecall } from '../lib/index/bench'
import { loadIndex } from '../lib/index/open'
const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node')
const index = loadIndex(process.argv[2])
const e = await createEmbedder('builtin-cedict', { cacheDir: 'data/cache' })
const { zh, en } = corpusQueries(index, { zh: 100, en: 50 })
const vs = await Promise.all([...zh, ...en].map((q) => e.embedQuery(q)))
const all = allVectors(index)
const sweep = (label: string, idx: any) => {
  for (const ef of [100, 200, 400, 800]) {
    idx.hnsw.setEf(ef)
    const t = performance.now()
    const r = hnswRecall(idx, all, vs)
    console.log(label, ef, r.toFixed(3))
  }
}
sweep('M16/100', index)
for (const [m, efc] of [[16, 200], [32, 200]]) {
  const t = performance.now()
  const h = new HierarchicalNSW('cosine', all.dimension)
  h.initIndex(all.labels.length + 10, m, efc, 100, true)
  for (let i = 0; i < all.labels.length; i++) h.addPoint(Array.from(all.vectors.subarray(i * all.dimension, (i + 1) * all.dimension)), all.labels[i])
  console.log('build', m, efc, ((performance.now() - t) / 1000).toFixed(1), 's')
  sweep(`M${m}/${efc}`, { hnsw: h })
}
