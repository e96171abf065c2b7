// The library's ingest thread: uploads are read, chunked, embedded and written to the index here, so
// that the server's own thread only opens the new generation and keeps answering chat and search.
import { parentPort } from 'node:worker_threads'
import { SourceFileError } from './corpus/read'
import { createEmbedder } from './embed'
import type { Embedder } from './embed/types'
import { type IngestSummary, ingest, NothingIngestedError } from './index/ingest'

export interface LibraryIngestRequest {
  id: number
  corpusDir: string
  indexDir: string
  cacheDir: string
  embedderId: string
  /** files to add or update (read and embedded again even when unchanged) */
  paths: string[]
  /** documents to delete */
  remove?: string[]
}

export type LibraryIngestResponse =
  | { type: 'stage'; id: number; stage: 'embedding' }
  | { type: 'done'; id: number; summary: IngestSummary }
  /** the file(s) could not be read: the reason, for the library page */
  | { type: 'failed'; id: number; reason: string }
  | { type: 'error'; id: number; message: string }

// one embedder per id, loaded on the first job and kept for the next ones
const embedders = new Map<string, Promise<Embedder>>()
let chain: Promise<void> = Promise.resolve()

parentPort!.on('message', (request: LibraryIngestRequest) => {
  // one ingest at a time: they share the index lock
  chain = chain.then(() => run(request))
})

async function run(request: LibraryIngestRequest): Promise<void> {
  const reply = (response: LibraryIngestResponse) => parentPort!.postMessage(response)
  try {
    const key = `${request.embedderId}\n${request.cacheDir}`
    if (!embedders.has(key)) {
      const loading = createEmbedder(request.embedderId, { cacheDir: request.cacheDir })
      embedders.set(key, loading)
      loading.catch(() => embedders.delete(key))
    }
    let announced = false
    const summary = await ingest({
      corpusDir: request.corpusDir,
      paths: request.paths,
      remove: request.remove,
      force: true,
      indexDir: request.indexDir,
      embedderId: request.embedderId,
      makeEmbedder: async () => {
        const embedder = await embedders.get(key)!
        // reading and chunking are done when the first texts are embedded
        return {
          id: embedder.id,
          dimension: embedder.dimension,
          embedDocuments: (texts, onProgress) => {
            if (!announced) reply({ type: 'stage', id: request.id, stage: 'embedding' })
            announced = true
            return embedder.embedDocuments(texts, onProgress)
          },
          embedQuery: (text) => embedder.embedQuery(text),
        }
      },
    })
    if (summary.failed.length) reply({ type: 'failed', id: request.id, reason: summary.failed.map((f) => f.reason).join('; ') })
    else reply({ type: 'done', id: request.id, summary })
  } catch (err) {
    if (err instanceof NothingIngestedError) reply({ type: 'failed', id: request.id, reason: err.failed.map((f) => f.reason).join('; ') })
    else if (err instanceof SourceFileError) reply({ type: 'failed', id: request.id, reason: err.reason })
    else reply({ type: 'error', id: request.id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  }
}
