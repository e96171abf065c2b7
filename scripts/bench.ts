import { spawnSync } from 'node:child_process'
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { configFrom, parseCli, progress, run } from './cli'

// the heavy modules (embedder dictionaries) are imported where needed, so the open step measures the index alone

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

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
const round = (x: number, digits = 2) => Number(x.toFixed(digits))
const percentile = (sorted: number[], p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))])

type Retriever = import('../lib/retrieve/retriever').Retriever

async function timeSearches(retriever: Retriever, queries: string[], n: number) {
  for (let i = 0; i < Math.min(30, queries.length); i++) await retriever.search(queries[i], 5) // warm-up
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    await retriever.search(queries[i % queries.length], 5)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { searchP50Ms: percentile(times, 0.5), searchP95Ms: percentile(times, 0.95), searchMeanMs: round(times.reduce((a, b) => a + b, 0) / n) }
}

/** `npm run bench`: search latency on the current index. */
async function benchCurrent(values: Record<string, string | boolean | undefined>) {
  const { Retriever } = await import('../lib/retrieve/retriever')
  const retriever = await Retriever.open(configFrom(values))
  const titles = [...new Set(retriever.index.chunks.flatMap((c) => c.section))].filter((t) => t.length > 3)
  const queries = [...titles, ...ENGLISH]
  const n = Number(values.n ?? 300)
  const result = { ...(await timeSearches(retriever, queries, n)), queries: n, chunks: retriever.index.manifest.chunkCount }
  if (values.json) console.log(JSON.stringify(result))
  else
    console.log(
      `search over ${result.chunks} chunks, ${n} queries after warm-up: p50 ${result.searchP50Ms} ms, p95 ${result.searchP95Ms} ms, mean ${result.searchMeanMs} ms`,
    )
}

/** One measured step of the scale bench, run in a fresh process so its peak RSS is its own. */
async function step(values: Record<string, string | boolean | undefined>) {
  const config = configFrom(values)
  if (values.step === 'ingest') {
    const { ingest } = await import('../lib/index/ingest')
    const { createEmbedder } = await import('../lib/embed')
    const summary = await ingest({
      corpusDir: config.CORPUS_DIR,
      indexDir: config.INDEX_DIR,
      embedderId: config.EMBEDDER,
      makeEmbedder: () => createEmbedder(config.EMBEDDER, { cacheDir: config.CACHE_DIR }),
      cacheDir: config.CACHE_DIR,
      ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
      log: values.verbose ? progress : undefined,
    })
    console.log(JSON.stringify({ ...summary, peakRssMb: mb(process.resourceUsage().maxRSS * 1024) }))
    return
  }
  // open: time and memory of opening the index, then search latency and HNSW recall
  const { loadIndex } = await import('../lib/index/open')
  const rssBefore = process.memoryUsage().rss
  const started = performance.now()
  const index = await loadIndex(config.INDEX_DIR, { embedderId: config.EMBEDDER })
  const openSeconds = (performance.now() - started) / 1000
  const rssOpen = process.memoryUsage().rss
  const openRssMb = mb(rssOpen)
  const { createEmbedder } = await import('../lib/embed')
  const { Retriever } = await import('../lib/retrieve/retriever')
  const { allVectors, corpusQueries, hnswRecallByEf, seededRandom } = await import('../lib/index/bench')
  const embedder = await createEmbedder(config.EMBEDDER, { cacheDir: config.CACHE_DIR })
  const retriever = new Retriever(index, embedder)
  const { zh, en } = corpusQueries(index, { zh: 240, en: 120 })
  // both languages mixed in a fixed order
  const random = seededRandom(7)
  const queries = [...zh, ...en]
    .map((q) => ({ q, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.q)
  const timing = await timeSearches(retriever, queries, Math.max(300, queries.length))
  const vectors = await Promise.all(queries.map((q) => embedder.embedQuery(q)))
  const all = allVectors(index)
  console.log(
    JSON.stringify({
      openSeconds: round(openSeconds),
      openRssMb,
      /** of openRssMb, what opening the index added (the rest is the modules imported before it) */
      openIndexRssMb: mb(rssOpen - rssBefore),
      /** with the embedder and query dictionaries loaded, after the searches */
      servingRssMb: mb(process.memoryUsage().rss),
      ...timing,
      ...recallFigures(hnswRecallByEf(index, all, vectors, [...new Set([400, 800, 1200, 1600, index.hnsw.getEf()])]), index.hnsw.getEf()),
      queries: queries.length,
      queriesZh: zh.length,
      queriesEn: en.length,
      notices: index.notices,
    }),
  )
}

/** Recall at the default ef, and how it moves with ef (search time grows about linearly with it). */
function recallFigures(byEf: Record<string, number>, ef: number) {
  return { hnswRecallAt10: byEf[ef], ef, hnswRecallAt10ByEf: byEf }
}

function child(args: string[]): Record<string, unknown> {
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`bench step ${args.join(' ')} failed:\n${result.stderr}`)
  const lines = result.stdout.trim().split('\n')
  return { ...JSON.parse(lines[lines.length - 1]), wallSeconds: (performance.now() - started) / 1000 }
}

const dirBytes = (dir: string) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)

/** `npm run bench -- --scale DIR`: ingest DIR into a temporary index, re-ingest, change one file, open, search. */
async function benchScale(values: Record<string, string | boolean | undefined>) {
  const source = resolve(String(values.scale))
  const work = mkdtempSync(join(tmpdir(), 'bench-scale-'))
  const corpus = join(work, 'corpus')
  const index = join(work, 'index')
  mkdirSync(corpus)
  // the corpus is linked, not copied; the one file the bench changes becomes a real copy
  const names = readdirSync(source).filter((n) => !n.startsWith('.'))
  for (const name of names) symlinkSync(join(source, name), join(corpus, name))
  const common = ['--index', index, ...(values.embedder ? ['--embedder', String(values.embedder)] : [])]
  const workers = values.workers !== undefined ? ['--workers', String(values.workers)] : []
  try {
    progress(`ingesting ${names.length} files from ${source} into ${index}…`)
    const first = child(['--step', 'ingest', '--corpus', corpus, ...common, ...workers])
    progress(
      `  ${first.chunks} passages in ${round(first.seconds as number)} s (embedding ${round(first.embedSeconds as number)} s), peak RSS ${first.peakRssMb} MB`,
    )
    const again = child(['--step', 'ingest', '--corpus', corpus, ...common])
    const changed = names.find((n) => n.endsWith('.md') || n.endsWith('.txt'))!
    const text = readFileSync(join(source, changed), 'utf8')
    unlinkSync(join(corpus, changed))
    writeFileSync(join(corpus, changed), text)
    appendFileSync(join(corpus, changed), '\n\n补充说明：本段为基准测试新增的内容，用来检验只改一个文件时的增量更新。\n')
    const oneFile = child(['--step', 'ingest', '--corpus', corpus, ...common])
    progress(`  re-ingest: no change ${round(again.seconds as number)} s, one file changed ${round(oneFile.seconds as number)} s; opening and searching…`)
    const open = child(['--step', 'open', ...common])
    const result = {
      passages: first.chunks,
      documents: first.documents,
      ingestSeconds: round(first.seconds as number),
      ingestPerSec: round((first.chunks as number) / (first.seconds as number), 1),
      embedSeconds: round(first.embedSeconds as number),
      peakRssMb: first.peakRssMb,
      reingestNoChangeSeconds: round(again.seconds as number),
      reingestNoChangeProcessSeconds: round(again.wallSeconds as number),
      reingestOneFileSeconds: round(oneFile.seconds as number),
      reingestOneFileProcessSeconds: round(oneFile.wallSeconds as number),
      indexBytes: dirBytes(index),
      ...open,
      wallSeconds: undefined,
    }
    if (values.json) console.log(JSON.stringify(result))
    else console.log(JSON.stringify(result, null, 2))
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true })
    else progress(`kept ${work}`)
  }
}

run(async () => {
  const { values } = parseCli({
    index: { type: 'string' },
    corpus: { type: 'string' },
    embedder: { type: 'string' },
    n: { type: 'string' },
    scale: { type: 'string' },
    step: { type: 'string' },
    keep: { type: 'boolean' },
    workers: { type: 'string' },
    verbose: { type: 'boolean' },
  })
  if (values.help) {
    console.log('npm run bench [-- --json] [--n N] | npm run bench -- --scale DIR [--json] [--embedder ID] [--workers N] [--keep]')
    return
  }
  if (values.step) await step(values)
  else if (values.scale) await benchScale(values)
  else await benchCurrent(values)
})
