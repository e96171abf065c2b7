// The library page's server side: uploaded files are kept in LIBRARY_DIR and ingested one at a
// time in the background, on a worker thread (lib/library-worker.ts) so that chat and search keep
// answering; the running server then swaps to the new index generation by itself.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, extname, join, resolve, sep } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Config } from './config'
import { docIdFor, SidecarSchema, sidecarPath } from './corpus/load'
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
  /** the page's address (web pages) */
  url?: string
  /** when the file was put in the library (absent for documents of the corpus folder) */
  addedAt?: string
  uploaded: boolean
  /** its file is kept (an upload or a file of the corpus folder): its metadata can be edited */
  editable: boolean
  /** a saved web page: it may have a URL */
  web: boolean
}

interface Queue {
  jobs: LibraryJob[]
  running: boolean
}

// Next bundles each route separately: a global keeps one queue per process.
const shared = globalThis as typeof globalThis & { __libraryQueue?: Queue }
const queue = (shared.__libraryQueue ??= { jobs: [], running: false })
/** the file each job ingests (kept out of the jobs themselves, which are sent to the page) */
const jobPaths = ((shared as { __libraryJobPaths?: Map<string, string> }).__libraryJobPaths ??= new Map())

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

/** Queue the ingest of a file of the library (a name in LIBRARY_DIR) or of another kept file (a path). */
export function enqueue(config: Config, name: string, path = join(config.LIBRARY_DIR, name)): LibraryJob {
  const job: LibraryJob = { id: randomUUID(), fileName: basename(name), docId: docIdFor(basename(name)), status: 'queued', queuedAt: new Date().toISOString() }
  jobPaths.set(job.id, path)
  queue.jobs.push(job)
  if (queue.jobs.length > 200) for (const old of queue.jobs.splice(0, queue.jobs.length - 200)) jobPaths.delete(old.id)
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
    const summary = await ingestOffThread(config, { paths: [jobPaths.get(job.id) ?? join(config.LIBRARY_DIR, job.fileName)] }, () => {
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
  if (stored.uploaded) {
    const path = join(config.LIBRARY_DIR, stored.fileName)
    rmSync(path, { force: true })
    rmSync(sidecarPath(path), { force: true })
  }
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
  worker.unref() // the thread never keeps a process alive by itself (a CLI or a test ends when its work does)
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
    const details = documentDetails(config.INDEX_DIR, store)
    return [...store.documentInfo().values()].map((info) => {
      const uploadedPath = join(config.LIBRARY_DIR, info.fileName)
      const uploaded = existsSync(uploadedPath)
      return {
        id: info.id,
        fileName: info.fileName,
        title: info.title,
        authors: [],
        ...details.get(info.id),
        passages: info.chunks,
        ...(uploaded ? { addedAt: statSync(uploadedPath).mtime.toISOString() } : {}),
        uploaded,
        editable: keptFile(config, info.fileName) !== undefined,
        web: WEB_PAGE.test(info.fileName),
      }
    })
  } finally {
    store.close()
  }
}

type Details = Pick<LibraryDocument, 'authors' | 'year' | 'pages' | 'url'>
const detailsCache = ((shared as { __libraryDetails?: { key: string; details: Map<string, Details> } }).__libraryDetails ??= {
  key: '',
  details: new Map(),
})

/**
 * Authors, year, pages and URL of every stored document. Reading them decompresses each document,
 * seconds for large ones on this thread, so they are kept until the store's content changes.
 */
function documentDetails(dir: string, store: IndexStore): Map<string, Details> {
  const key = `${dir}\n${statSync(IndexStore.path(dir)).ino}\n${store.contentVersion()}`
  if (detailsCache.key === key) return detailsCache.details
  const details = new Map<string, Details>()
  for (const id of store.documentIds()) {
    const doc = store.document(id)
    if (!doc) continue
    details.set(id, {
      authors: doc.meta.authors ?? [],
      ...(doc.meta.year ? { year: doc.meta.year } : {}),
      ...(doc.pageCount ? { pages: doc.pageCount } : {}),
      ...(doc.meta.url ? { url: doc.meta.url } : {}),
    })
  }
  detailsCache.key = key
  detailsCache.details = details
  return details
}

/**
 * The original PDF of a document, when it is kept: an upload in LIBRARY_DIR or a file of the corpus
 * folder. Only the stored file name of an indexed document is looked up, never a path from a request.
 */
export function originalPdf(config: Config, docId: string): string | undefined {
  const fileName = storedFileName(config, docId)
  return fileName && extname(fileName).toLowerCase() === '.pdf' ? keptFile(config, fileName) : undefined
}

/** The file name an indexed document was read from (undefined when there is no index or no such document). */
function storedFileName(config: Config, docId: string): string | undefined {
  if (!IndexStore.exists(config.INDEX_DIR)) return undefined
  const store = IndexStore.open(config.INDEX_DIR, { readonly: true })
  try {
    return store.documentInfo().get(docId)?.fileName
  } finally {
    store.close()
  }
}

/** The kept source file of an indexed document: an upload (LIBRARY_DIR) or a file of the corpus folder. */
function keptFile(config: Config, fileName: string): string | undefined {
  const name = basename(fileName)
  for (const dir of [config.LIBRARY_DIR, config.CORPUS_DIR]) {
    const path = resolve(dir, name)
    if (path.startsWith(resolve(dir) + sep) && existsSync(path)) return path
  }
  return undefined
}

const WEB_PAGE = /\.html?$/i

/** A change to a document's metadata; null removes a field. */
export interface MetadataEdit {
  title?: string
  authors?: string[]
  year?: number | null
  url?: string | null
}

/** A metadata edit that cannot be made, with the reason for the user. */
export class MetadataEditError extends Error {}

/**
 * Save a document's title, authors, year (and a web page's URL) in the `.meta.json` sidecar beside
 * its file, keeping the sidecar's other fields, and queue the document's ingest so that search
 * results and citations show them. Undefined when no such document is indexed.
 */
export function editMetadata(config: Config, docId: string, edit: MetadataEdit): LibraryJob | undefined {
  const fileName = storedFileName(config, docId)
  if (!fileName) return undefined
  const file = keptFile(config, fileName)
  if (!file)
    throw new MetadataEditError(
      `the file of "${docId}" is not kept in the library or the corpus folder, so its metadata cannot be saved; upload it on this page`,
    )
  if (edit.url && !WEB_PAGE.test(fileName)) throw new MetadataEditError('only web pages (.html) have a URL')
  const sidecar = sidecarPath(file)
  let current: Record<string, unknown> = {}
  if (existsSync(sidecar)) {
    try {
      current = JSON.parse(readFileSync(sidecar, 'utf8'))
    } catch {
      throw new MetadataEditError(`${basename(sidecar)} is not valid JSON; fix or delete it first`)
    }
  }
  const next: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(edit)) {
    if (value === undefined) continue
    if (value === null || value === '') delete next[key]
    else next[key] = value
  }
  const checked = SidecarSchema.safeParse(next)
  if (!checked.success)
    throw new MetadataEditError(`the metadata is invalid: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const temporary = `${sidecar}.tmp-${process.pid}`
  writeFileSync(temporary, `${JSON.stringify(checked.data, null, 2)}\n`)
  renameSync(temporary, sidecar)
  return enqueue(config, basename(file), file)
}
