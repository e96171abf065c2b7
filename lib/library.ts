// The library page's server side: uploaded files are kept in LIBRARY_DIR and ingested one at a
// time in the background, on a worker thread (lib/library-worker.ts) so that chat and search keep
// answering; the running server then swaps to the new index generation by itself.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, extname, join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Config } from './config'
import { docIdFor } from './corpus/load'
import { SourceFileError } from './corpus/read'
import { DOCUMENT_EXTENSIONS } from './corpus/readers'
import type { IngestSummary } from './index/ingest'
import { IndexStore } from './index/store'
import type { LibraryIngestRequest, LibraryIngestResponse } from './library-worker'

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

export type JobStatus = 'queued' | 'reading' | 'embedding' | 'done' | 'failed'

export interface LibraryJob {
  id: string
  fileName: string
  docId: string
  status: JobStatus
  reason?: string
  notices?: string[]
  queuedAt: string
}

export interface LibraryDocument {
  id: string
  fileName: string
  title: string
  authors: string[]
  year?: number
  pages?: number
  passages: number
  /** when the file was put in the library (absent for documents of the corpus folder) */
  addedAt?: string
  uploaded: boolean
}

interface Queue {
  jobs: LibraryJob[]
  running: boolean
}

// Next bundles each route separately: a global keeps one queue per process.
const shared = globalThis as typeof globalThis & { __libraryQueue?: Queue }
const queue = (shared.__libraryQueue ??= { jobs: [], running: false })

/** A file name safe to store: no folders, no leading dots, the extension kept. */
export function safeFileName(name: string): string {
  const ext = extname(name).toLowerCase()
  const stem = basename(name, extname(name))
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '-')
    .replace(/^[.\s-]+|[.\s-]+$/g, '')
    .slice(0, 120)
  return `${stem || 'document'}${ext}`
}

/** The reason a file cannot be uploaded, or undefined: type by extension and by its first bytes. */
export function uploadProblem(fileName: string, head: Uint8Array): string | undefined {
  const ext = extname(fileName).toLowerCase()
  if (!DOCUMENT_EXTENSIONS.includes(ext)) return `files of type "${ext || '(none)'}" cannot be read; supported: ${DOCUMENT_EXTENSIONS.join(', ')}`
  const starts = (s: string) => Buffer.from(head.subarray(0, s.length)).toString('latin1') === s
  if (ext === '.pdf' && !starts('%PDF-')) return 'the file is not a PDF (it does not start with %PDF-)'
  if (ext === '.docx' && !starts('PK')) return 'the file is not a Word .docx document (not a zip archive)'
  return undefined
}

/** Store an uploaded file and queue its ingest. */
export function addUpload(config: Config, fileName: string, bytes: Uint8Array): LibraryJob {
  mkdirSync(config.LIBRARY_DIR, { recursive: true })
  const name = safeFileName(fileName)
  writeFileSync(join(config.LIBRARY_DIR, name), bytes)
  return enqueue(config, name)
}

export function enqueue(config: Config, name: string): LibraryJob {
  const job: LibraryJob = { id: randomUUID(), fileName: name, docId: docIdFor(name), status: 'queued', queuedAt: new Date().toISOString() }
  queue.jobs.push(job)
  if (queue.jobs.length > 200) queue.jobs.splice(0, queue.jobs.length - 200)
  void runQueue(config)
  return job
}

export const libraryJobs = (): LibraryJob[] => queue.jobs.map((j) => ({ ...j }))

async function runQueue(config: Config): Promise<void> {
  if (queue.running) return
  queue.running = true
  try {
    for (let job = nextJob(); job; job = nextJob()) await runJob(config, job)
  } finally {
    queue.running = false
  }
}

const nextJob = () => queue.jobs.find((j) => j.status === 'queued')

async function runJob(config: Config, job: LibraryJob): Promise<void> {
  try {
    job.status = 'reading'
    const summary = await ingestOffThread(config, { paths: [join(config.LIBRARY_DIR, job.fileName)] }, () => {
      job.status = 'embedding'
    })
    const notices = summary.notices.map((n) => n.message)
    if (notices.length) job.notices = notices
    await (await import('./server')).serveLatest() // "done" means the chat can answer from it
    job.status = 'done'
  } catch (err) {
    job.status = 'failed'
    job.reason = err instanceof SourceFileError ? err.reason : err instanceof Error ? err.message : String(err)
  }
}

/** Delete a document from the index (and its uploaded file). */
export async function deleteDocument(config: Config, docId: string): Promise<boolean> {
  const stored = IndexStore.exists(config.INDEX_DIR) ? listLibrary(config).find((d) => d.id === docId) : undefined
  if (!stored) return false
  await ingestOffThread(config, { paths: [], remove: [docId] })
  await (await import('./server')).serveLatest()
  if (stored.uploaded) rmSync(join(config.LIBRARY_DIR, stored.fileName), { force: true })
  return true
}

/** The ingest thread and the requests it is working on (one per process, like the queue). */
interface IngestThread {
  worker?: Worker
  next: number
  pending: Map<number, { file: string; resolve: (s: IngestSummary) => void; reject: (e: Error) => void; onEmbedding?: () => void }>
  idleTimer?: NodeJS.Timeout
}

const thread: IngestThread = ((shared as { __libraryThread?: IngestThread }).__libraryThread ??= { next: 0, pending: new Map() })

/** An ingest thread left idle this long ends, freeing its embedder's memory. */
const THREAD_IDLE_MS = 5 * 60_000

/**
 * Run an ingest of named files on the library's worker thread: reading, chunking, embedding and
 * writing the store all happen there, so this thread stays free for chat and search. A file that
 * cannot be read rejects with a SourceFileError carrying the reason.
 */
export function ingestOffThread(config: Config, what: { paths: string[]; remove?: string[] }, onEmbedding?: () => void): Promise<IngestSummary> {
  const id = thread.next++
  const request: LibraryIngestRequest = {
    id,
    corpusDir: config.CORPUS_DIR,
    indexDir: config.INDEX_DIR,
    cacheDir: config.CACHE_DIR,
    embedderId: config.EMBEDDER,
    ...what,
  }
  clearTimeout(thread.idleTimer)
  return new Promise<IngestSummary>((resolve, reject) => {
    thread.pending.set(id, { file: what.paths[0] ?? config.INDEX_DIR, resolve, reject, onEmbedding })
    ingestWorker().postMessage(request)
  }).finally(() => {
    if (thread.pending.size) return
    thread.idleTimer = setTimeout(() => {
      const worker = thread.worker
      thread.worker = undefined
      void worker?.terminate()
    }, THREAD_IDLE_MS).unref()
  })
}

/** The worker file is found from the project folder: the server runs from there (Next bundles lib/ elsewhere). */
const WORKER_ENTRY = join('lib', 'library-worker-entry.mjs')

function ingestWorker(): Worker {
  if (thread.worker) return thread.worker
  const worker = new Worker(resolve(process.cwd(), WORKER_ENTRY))
  worker.unref() // a waiting request keeps the process alive, an idle thread does not
  const failAll = (err: Error) => {
    if (thread.worker === worker) thread.worker = undefined
    for (const p of thread.pending.values()) p.reject(err)
    thread.pending.clear()
  }
  worker.on('message', (message: LibraryIngestResponse) => {
    const waiting = thread.pending.get(message.id)
    if (!waiting) return
    if (message.type === 'stage') return waiting.onEmbedding?.()
    thread.pending.delete(message.id)
    if (message.type === 'done') waiting.resolve(message.summary)
    else if (message.type === 'failed') waiting.reject(new SourceFileError(waiting.file, message.reason))
    else waiting.reject(new Error(`library ingest: ${message.message}`))
  })
  worker.on('error', failAll)
  worker.on('exit', (code) => failAll(new Error(`the library's ingest thread stopped (exit code ${code})`)))
  thread.worker = worker
  return worker
}

/** Queue a document of the library for reading and embedding again. */
export function reingest(config: Config, docId: string): LibraryJob | undefined {
  const doc = listLibrary(config).find((d) => d.id === docId)
  return doc?.uploaded ? enqueue(config, doc.fileName) : undefined
}

/** Every indexed document with what the library page lists. */
export function listLibrary(config: Config): LibraryDocument[] {
  if (!IndexStore.exists(config.INDEX_DIR)) return []
  const store = IndexStore.open(config.INDEX_DIR, { readonly: true })
  try {
    return [...store.documentInfo().values()].map((info) => {
      const doc = store.document(info.id)
      const uploadedPath = join(config.LIBRARY_DIR, info.fileName)
      const uploaded = existsSync(uploadedPath)
      return {
        id: info.id,
        fileName: info.fileName,
        title: info.title,
        authors: doc?.meta.authors ?? [],
        ...(doc?.meta.year ? { year: doc.meta.year } : {}),
        ...(doc?.pageCount ? { pages: doc.pageCount } : {}),
        passages: info.chunks,
        ...(uploaded ? { addedAt: statSync(uploadedPath).mtime.toISOString() } : {}),
        uploaded,
      }
    })
  } finally {
    store.close()
  }
}
