import { createProgress, type Progress } from '../lib/progress'
import { configFrom, embedderBuildReport, parseCli, progress, run } from './cli'

run(async () => {
  const { values, positionals } = parseCli({ corpus: { type: 'string' }, index: { type: 'string' }, embedder: { type: 'string' }, workers: { type: 'string' } })
  if (values.help) {
    console.log('npm run ingest [-- FILE…|DIR…] [--corpus DIR] [--index DIR] [--embedder builtin-cedict|transformers:<model>] [--workers N] [--json]')
    console.log('  FILE…|DIR…: add or update these documents (.txt .md .pdf .docx .html) instead of reading the whole corpus folder')
    return
  }
  const config = configFrom(values)
  const [{ createEmbedder }, { ingest }] = await Promise.all([import('../lib/embed'), import('../lib/index/ingest')])
  let ingesting: Progress | undefined
  const summary = await ingest({
    corpusDir: config.CORPUS_DIR,
    ...(positionals.length ? { paths: positionals } : { libraryDir: config.LIBRARY_DIR }),
    indexDir: config.INDEX_DIR,
    embedderId: config.EMBEDDER,
    makeEmbedder: () =>
      createEmbedder(config.EMBEDDER, {
        cacheDir: config.CACHE_DIR,
        ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
        ...embedderBuildReport(),
      }),
    cacheDir: config.CACHE_DIR,
    log: progress,
    onProgress: ({ files, totalFiles, chunks }) => {
      ingesting ??= createProgress('ingesting', totalFiles, { unit: 'files' })
      if (files < totalFiles) ingesting.update(files, `${chunks} chunks`)
      else ingesting.finish(`ingesting: ${totalFiles} files read, ${chunks} chunks embedded`)
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
