import { Retriever } from '../lib/retrieve/retriever'
import { configFrom, parseCli, run } from './cli'

// Queries in both languages made from the index itself (section titles) plus general English phrases.
const ENGLISH = [
  'technology transfer',
  'artificial intelligence governance',
  'export controls on chips',
  'Russia science policy',
  'energy cooperation',
  'supply chain security',
  'talent exchange',
  'space security',
  'digital economy partnership',
  'joint laboratories',
]

run(async () => {
  const { values } = parseCli({ index: { type: 'string' }, n: { type: 'string' } })
  const retriever = await Retriever.open(configFrom(values))
  const titles = [...new Set(retriever.index.chunks.flatMap((c) => c.section))].filter((t) => t.length > 3)
  const queries = [...titles, ...ENGLISH]
  const n = Number(values.n ?? 300)
  for (let i = 0; i < 30; i++) await retriever.search(queries[i % queries.length], 5) // warm-up
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    await retriever.search(queries[i % queries.length], 5)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const at = (p: number) => Number(times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2))
  const result = {
    searchP50Ms: at(0.5),
    searchP95Ms: at(0.95),
    searchMeanMs: Number((times.reduce((a, b) => a + b, 0) / n).toFixed(2)),
    queries: n,
    chunks: retriever.index.chunks.length,
  }
  if (values.json) console.log(JSON.stringify(result))
  else
    console.log(
      `search over ${result.chunks} chunks, ${n} queries after warm-up: p50 ${result.searchP50Ms} ms, p95 ${result.searchP95Ms} ms, mean ${result.searchMeanMs} ms`,
    )
})
