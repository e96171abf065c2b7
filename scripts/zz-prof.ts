import { createEmbedder } from '../lib/embed'
import { corpusQueries } from '../lib/index/bench'
import { loadIndex } from '../lib/index/open'
import { Retriever } from '../lib/retrieve/retriever'

const index = loadIndex(process.argv[2])
const r = new Retriever(index, await createEmbedder('builtin-cedict', { cacheDir: 'data/cache' }))
const { zh, en } = corpusQueries(index, { zh: 100, en: 60 })
const slow: [number, string][] = []
for (const q of [...zh, ...en]) {
  const t = performance.now()
  await r.search(q, 5)
  slow.push([performance.now() - t, q])
}
const t0 = performance.now()
const parts: Record<string, number> = {}
for (const q of [...zh, ...en]) {
  let t = performance.now()
  const a = r.analyze(q)
  parts.analyze = (parts.analyze ?? 0) + performance.now() - t
  t = performance.now()
  index.lexical.search(a.groups, 30)
  parts.lexical = (parts.lexical ?? 0) + performance.now() - t
  t = performance.now()
  const v = await r.embedder.embedQuery(a.denseText)
  parts.embed = (parts.embed ?? 0) + performance.now() - t
  t = performance.now()
  index.hnsw.searchKnn(Array.from(v), 30)
  parts.hnsw = (parts.hnsw ?? 0) + performance.now() - t
  t = performance.now()
  await r.search(q, 5)
  parts.search = (parts.search ?? 0) + performance.now() - t
}
console.log(parts, performance.now() - t0)
console.log(slow.sort((a, b) => b[0] - a[0]).slice(0, 8))
