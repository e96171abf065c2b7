import cliProgress from 'cli-progress'
import { createEmbedder } from '../lib/embed'
import { ingest } from '../lib/index/ingest'
import { configFrom, parseCli, progress, run } from './cli'

const startedAt = performance.now()

run(async () => {
  const { values } = parseCli({ corpus: { type: 'string' }, index: { type: 'string' }, embedder: { type: 'string' } })
  if (values.help) {
    console.log('npm run ingest [-- --corpus DIR] [--index DIR] [--embedder builtin-cedict|transformers:<model>] [--json]')
    return
  }
  const config = configFrom(values)
  let bar: cliProgress.SingleBar | undefined
  const summary = await ingest({
    corpusDir: config.CORPUS_DIR,
    indexDir: config.INDEX_DIR,
    embedderId: config.EMBEDDER,
    makeEmbedder: () => createEmbedder(config.EMBEDDER, { cacheDir: config.CACHE_DIR, log: progress }),
    cacheDir: config.CACHE_DIR,
    log: progress,
    onProgress: ({ files, totalFiles, chunks }) => {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: 'ingesting [{bar}] {value}/{total} files | {chunks} chunks | {rate} chunks/s | ETA {eta}s', stream: process.stderr, hideCursor: false },
          cliProgress.Presets.shades_classic,
        )
        bar.start(totalFiles, 0, { chunks: 0, rate: '0' })
      }
      bar.update(files, { chunks, rate: (chunks / Math.max(0.001, (performance.now() - startedAt) / 1000)).toFixed(1) })
      if (files === totalFiles) bar.stop()
    },
  })
  if (values.json) console.log(JSON.stringify(summary))
  else if (summary.upToDate)
    console.log(`Index is up to date: ${summary.documents} documents, ${summary.chunks} chunks (${summary.seconds.toFixed(2)} s, nothing re-embedded).`)
  else
    console.log(
      `Indexed ${summary.documents} documents, ${summary.chunks} chunks (${summary.embedded} embedded, ${summary.reusedDocuments} documents unchanged` +
        `${summary.deletedDocuments ? `, ${summary.deletedDocuments} deleted` : ''}) in ${summary.seconds.toFixed(2)} s ` +
        `(embedding ${summary.embedSeconds.toFixed(2)} s), ${summary.chunksPerSecond.toFixed(1)} chunks/s → ${config.INDEX_DIR} (generation ${summary.generation})`,
    )
  for (const f of summary.failed) progress(`failed: ${f.file}: ${f.reason}`)
  return summary.failed.length ? 1 : 0
})
