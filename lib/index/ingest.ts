import { closeSync, existsSync, openSync, readdirSync, readSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { CHUNKER_VERSION } from '../chunk/chunk'
import { type CorpusFile, listCorpusFiles, listDocumentPaths } from '../corpus/load'
import { SourceFileError } from '../corpus/read'
import { BUILTIN_EMBEDDER_ID, isBuiltinEmbedder } from '../embed/ids'
import type { Embedder } from '../embed/types'
import { loadGlossaryIntoSegmenter, readGlossary } from '../text/glossary'
import {
  applyToLexical,
  baseLabelOf,
  buildLexicalFromStore,
  DerivedFileProblem,
  HNSW_EF_CONSTRUCTION,
  HNSW_M,
  removeUnusedFiles,
  verifyDerivedFile,
  writeLexical,
} from './derived'
import { uniqueDocIds } from './docids'
import { LexicalIndex } from './lexical'
import { acquireLock, removeLeftovers } from './lock'
import { readLexical } from './open'
import { type PrepareResult, prepareFile } from './prepare'
import { type Generation, IndexStore, isCorruptionError, LEGACY_FILES, type PendingChanges, STORE_FILE } from './store'
import { openVectorIndex, type VectorIndexSource, type VectorIndexWriter } from './vector-index'
import { defaultWorkerCount, MIN_FILES_FOR_WORKERS, prepareOnWorkers } from './workers'

export interface IngestOptions {
  corpusDir: string
  /** files and folders to add or update instead of the whole corpus folder (nothing else is deleted) */
  paths?: string[]
  /** with `paths`: documents to delete from the index */
  remove?: string[]
  /** with `paths`: read and embed the named files again even when they are unchanged */
  force?: boolean
  /** the folder of documents uploaded in the app: a whole-corpus ingest keeps them too */
  libraryDir?: string
  indexDir: string
  embedderId: string
  /** created only when something needs embedding */
  makeEmbedder: () => Promise<Embedder>
  log?: (message: string) => void
  /** the embedder's cache dir: given, big jobs are prepared on worker threads, each with its own embedder */
  cacheDir?: string
  /** worker threads preparing files (default: one per core, up to 4; 0: this thread) */
  workers?: number
  /** called after each document that was read, chunked and embedded */
  onProgress?: (progress: { files: number; totalFiles: number; chunks: number }) => void
  /** at most this many chunks added or deleted since the derived files were written leave them as they are (default DELTA_LIMIT) */
  deltaLimit?: number
}

/**
 * A small update does not rewrite the HNSW and lexical files (at 100k passages, 170 MB): it
 * commits a generation that keeps them, and whoever loads them applies the few chunks added or
 * deleted since. Each of those costs a loader about a millisecond at 100k passages (an HNSW
 * insert), so past this many the files are written again.
 */
export const DELTA_LIMIT = 256

export interface IngestSummary {
  documents: number
  chunks: number
  embedded: number
  reusedDocuments: number
  deletedDocuments: number
  failed: { file: string; reason: string }[]
  /** what the user should know about files that were ingested (e.g. PDF pages without text) */
  notices: { file: string; message: string }[]
  upToDate: boolean
  seconds: number
  /** of `seconds`, the time spent computing embeddings */
  embedSeconds: number
  chunksPerSecond: number
  generation: number
}

/** The derived indexes being updated, loaded (or rebuilt) the first time a document changes. */
interface Derived {
  vectors?: VectorIndexWriter
  lexical?: LexicalIndex
  /** what had to be rebuilt, so a commit is needed even if no document changed */
  rebuilt: string[]
}

/** A committed derived file: its verified path, or why it cannot be used. */
type CheckedFile = { path: string } | { problem: string }

/** The committed generation's files, checked before anything is written (a write makes the store newer than them). */
interface Committed {
  generation?: Generation
  hnsw: CheckedFile
  lexical: CheckedFile
  /** the highest label the files hold */
  baseLabel: number
}

/**
 * Build or update the index, one document at a time: an unchanged document costs a hash check; a
 * new or changed one is read, chunked, embedded and written in one store transaction, and its
 * chunks replace the old ones in the HNSW and lexical indexes; a file that cannot be read keeps
 * its previous version; a file that is gone is deleted. The updated indexes are then written as a
 * new generation, which the store commits last.
 */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const { indexDir } = options
  // "builtin-cedict" names the current version of the built-in embedder; the index records which
  const embedderId = isBuiltinEmbedder(options.embedderId) ? BUILTIN_EMBEDDER_ID : options.embedderId
  const release = acquireLock(indexDir)
  let store: IndexStore | undefined
  const derived: Derived = { rebuilt: [] }
  try {
    const leftovers = removeLeftovers(indexDir)
    if (leftovers.length) log(`removed what an interrupted ingest left: ${leftovers.join(', ')}`)
    store = openForWriting(indexDir, log)
    const listed = uniqueDocIds(
      options.paths
        ? listDocumentPaths(options.paths)
        : [...listCorpusFiles(options.corpusDir), ...(options.libraryDir && existsSync(options.libraryDir) ? listCorpusFiles(options.libraryDir) : [])],
    )
    for (const r of listed.renamed) log(`warning: ${r.file} maps to the same document id as ${r.clashesWith}; it is indexed as "${r.docId}"`)
    const glossary = readGlossary(options.corpusDir)
    loadGlossaryIntoSegmenter(glossary)

    const manifest = store.manifest()
    if (manifest && (manifest.embedder.id !== embedderId || manifest.chunker !== CHUNKER_VERSION)) {
      log(`the index was built with ${manifest.embedder.id} (chunker ${manifest.chunker}); rebuilding it with ${embedderId} (chunker ${CHUNKER_VERSION})`)
      store.clear()
    }
    const glossaryChanged = JSON.stringify(manifest?.glossary) !== JSON.stringify(glossary)
    const stored = store.documentInfo()
    const committed = checkCommitted(store, indexDir)

    const failed: IngestSummary['failed'] = []
    const notices: IngestSummary['notices'] = []
    let embedded = 0
    let embedSeconds = 0
    let written = 0
    const toRead = listed.files.filter((f) => (options.paths && options.force) || stored.get(f.docId)?.sha256 !== f.sha256)
    const reusedDocuments = listed.files.length - toRead.length
    const workers = options.cacheDir && toRead.length >= MIN_FILES_FOR_WORKERS ? (options.workers ?? defaultWorkerCount()) : 0
    if (workers > 0) log(`preparing ${toRead.length} files on ${workers} worker thread${workers > 1 ? 's' : ''}`)
    // a big job updates the derived indexes as it goes (the HNSW inserts on a thread of their own);
    // a small one only writes the store and brings them up to date, if it must, when it commits
    const deferred = toRead.length < MIN_FILES_FOR_WORKERS
    const loadDerived = () => openDerived(store!, committed, derived, log, { ownThread: workers > 0 })
    const results =
      workers > 0
        ? prepareOnWorkers(toRead, { workers, embedderId: embedderId, cacheDir: options.cacheDir!, glossary })
        : prepareHere(toRead, options.makeEmbedder)
    let i = 0
    for await (const result of results) {
      const file = toRead[i++]
      const hadPrevious = stored.has(file.docId)
      if ('failed' in result) {
        failed.push({ file: result.failed.file, reason: result.failed.reason })
        log(`error: ${result.failed.message}`)
        if (hadPrevious) log(`  kept the previously indexed version of ${file.docId}`)
      } else {
        const { doc, report, chunks, vectors, terms } = result.ok
        log(
          `${hadPrevious ? 'changed' : 'new'}: ${report.fileName} (${chunks.length} chunks, ${report.encoding}${report.pageCount ? `, ${report.pageCount} pages` : ''})`,
        )
        for (const message of report.notices ?? []) {
          notices.push({ file: report.fileName, message })
          log(`notice: ${report.fileName}: ${message}`)
        }
        if (!written) store.setBuild({ embedderId: embedderId, dimension: vectors[0]?.length ?? Number(store.meta('dimension')), chunker: CHUNKER_VERSION })
        // loaded before the store changes: what they hold must be the store as it was
        const live = deferred ? undefined : await loadDerived()
        const { removed, added } = store.putDocument(doc, chunks, vectors)
        if (live) {
          unindex(live.vectorIndex, live.lexical, removed)
          await live.vectorIndex.add(added, vectors)
          added.forEach((label, j) => {
            live.lexical.add(label, terms[j])
          })
        }
        embedded += chunks.length
        embedSeconds += result.ok.embedSeconds
        written++
      }
      options.onProgress?.({ files: i, totalFiles: toRead.length, chunks: embedded })
    }

    const present = new Set(listed.files.map((f) => f.docId))
    // named files add to the index; only a whole corpus folder says which documents are gone
    const gone = options.paths ? (options.remove ?? []).filter((id) => stored.has(id)) : [...stored.keys()].filter((id) => !present.has(id))
    if (!written && (options.paths ? failed.length > 0 && failed.length === listed.files.length : stored.size === gone.length))
      throw new NothingIngestedError(options.corpusDir, failed)
    for (const id of gone) {
      const live = deferred ? undefined : await loadDerived()
      const removed = store.deleteDocument(id)
      if (live) unindex(live.vectorIndex, live.lexical, removed)
      log(`deleted: ${id}${options.paths ? '' : ' (its file is gone)'}`)
    }

    const seconds = () => (performance.now() - started) / 1000
    const summary = (upToDate: boolean, generation: number): IngestSummary => ({
      documents: store!.documentCount(),
      chunks: store!.chunkCount(),
      embedded,
      reusedDocuments,
      deletedDocuments: gone.length,
      failed,
      notices,
      upToDate,
      seconds: seconds(),
      embedSeconds,
      chunksPerSecond: embedded / seconds(),
      generation,
    })
    const intact = 'path' in committed.hnsw && 'path' in committed.lexical
    // nothing changed: the committed files only need to be intact
    if (!written && !gone.length && !glossaryChanged && intact) return summary(true, committed.generation?.n ?? 0)
    // (recorded with the generation it was applied to: a crash before the commit leaves it changed for the next ingest)
    const glossaryUpdate = glossaryChanged ? { value: glossary } : undefined
    if (glossaryChanged) {
      // the lexical index holds terms cut with the old glossary, which cannot be removed as they were
      if (stored.size) {
        derived.rebuilt.push('lexical index (the glossary changed)')
        derived.lexical = buildLexicalFromStore(store)
      }
    }
    const small = intact && !derived.vectors && !derived.lexical && store.pendingCount(committed.baseLabel) <= (options.deltaLimit ?? DELTA_LIMIT)
    const generation = small ? commitDelta(store, committed, glossaryUpdate) : await commitFull(store, indexDir, await loadDerived(), glossaryUpdate)
    if (derived.rebuilt.length) log(`rebuilt: ${derived.rebuilt.join('; ')}`)
    return summary(false, generation)
  } finally {
    await derived.vectors?.close()
    store?.close()
    release()
  }
}

/** Every named file failed (each with its reason in `failed`): the index was left as it was. */
export class NothingIngestedError extends SourceFileError {
  constructor(
    dir: string,
    readonly failed: IngestSummary['failed'],
  ) {
    super(dir, 'no document could be ingested; the index was left as it was')
  }
}

/** Prepare files one after another on this thread (few files, or no cache dir for workers). */
async function* prepareHere(files: CorpusFile[], makeEmbedder: () => Promise<Embedder>): AsyncGenerator<PrepareResult> {
  let embedder: Embedder | undefined
  for (const file of files) {
    embedder ??= await makeEmbedder()
    yield await prepareFile(file, embedder)
  }
}

function unindex(vectorIndex: VectorIndexWriter, lexical: LexicalIndex, removed: number[]): void {
  vectorIndex.remove(removed)
  for (const label of removed) lexical.remove(label)
}

/** Open the store for writing; one of an older format or a damaged one is set aside and rebuilt. */
function openForWriting(dir: string, log: (m: string) => void): IndexStore {
  if (!IndexStore.exists(dir) && existsSync(join(dir, LEGACY_FILES[0]))) {
    log(`the index in ${dir} was written by an older version (JSON files); rebuilding it as a SQLite store`)
    for (const name of LEGACY_FILES) rmSync(join(dir, name), { force: true })
  }
  try {
    return IndexStore.open(dir, { create: true })
  } catch (err) {
    if (!isCorruptionError(err)) throw err
    const aside = `${STORE_FILE}.damaged-${Date.now()}`
    log(`${(err as Error).message.replace(/ Rebuild it with: npm run ingest$/, '')}; set aside as ${aside}, rebuilding the index`)
    renameSync(join(dir, STORE_FILE), join(dir, aside))
    for (const suffix of ['-wal', '-shm']) rmSync(join(dir, STORE_FILE + suffix), { force: true })
    return IndexStore.open(dir, { create: true })
  }
}

/** Check the committed files once, before anything is written: a missing, stale or damaged one is rebuilt. */
function checkCommitted(store: IndexStore, dir: string): Committed {
  const generation = store.generation()
  const check = (recorded: Generation['lexical'], isCurrent: (path: string) => boolean = () => true): CheckedFile => {
    try {
      const path = verifyDerivedFile(dir, recorded, generation, store.contentVersion())
      return isCurrent(path) ? { path } : { problem: `${recorded!.file} has an older format` }
    } catch (err) {
      if (err instanceof DerivedFileProblem) return { problem: err.message }
      throw err
    }
  }
  return {
    generation,
    hnsw: check(generation?.hnsw),
    lexical: check(generation?.lexical, (path) => LexicalIndex.isCurrentFormat(fileStart(path, 8))),
    baseLabel: baseLabelOf(generation, store),
  }
}

/** The first bytes of a file (its format's magic), without reading the rest. */
function fileStart(path: string, bytes: number): Buffer {
  const start = Buffer.alloc(bytes)
  const fd = openSync(path, 'r')
  try {
    return start.subarray(0, readSync(fd, start, 0, bytes, 0))
  } finally {
    closeSync(fd)
  }
}

/**
 * The derived indexes as the store now is: the committed files with the changes since applied, or
 * rebuilt from the store when a file cannot be used.
 */
async function openDerived(
  store: IndexStore,
  committed: Committed,
  derived: Derived,
  log: (m: string) => void,
  options: { ownThread: boolean },
): Promise<{ vectorIndex: VectorIndexWriter; lexical: LexicalIndex }> {
  // (called before every document of a big job: counting the chunks each time would cost O(n²))
  if (derived.vectors && derived.lexical) return { vectorIndex: derived.vectors, lexical: derived.lexical }
  const empty = store.chunkCount() === 0
  // read once for both indexes (it holds the added chunks' vectors)
  let pending: PendingChanges | undefined
  const pendingChanges = () => (pending ??= store.pendingChanges(committed.baseLabel))
  // (a first ingest has no files yet to be unusable: it builds them, with nothing to report)
  const firstBuild = empty || !store.generation()
  const unusable = (what: string, problem: string, from: string) => {
    if (firstBuild) return
    log(`the ${what} cannot be used (${problem}); rebuilding it from the ${from}`)
    derived.rebuilt.push(what)
  }
  if (!derived.vectors) {
    let source: VectorIndexSource = empty ? { from: 'nothing' } : { from: 'store', dir: store.dir }
    if ('path' in committed.hnsw) source = { from: 'file', path: committed.hnsw.path }
    else unusable('vector index', committed.hnsw.problem, 'stored vectors')
    derived.vectors = await openVectorIndex(source, Number(store.meta('dimension')), options)
    if (source.from === 'file') {
      const { removed, added } = pendingChanges()
      derived.vectors.remove(removed)
      if (added.length)
        await derived.vectors.add(
          added.map((a) => a.label),
          added.map((a) => a.vector),
        )
    }
  }
  if (!derived.lexical) {
    if ('path' in committed.lexical) {
      derived.lexical = readLexical(committed.lexical.path)
      applyToLexical(derived.lexical, pendingChanges())
    } else {
      unusable('lexical index', committed.lexical.problem, 'stored passages')
      derived.lexical = empty ? new LexicalIndex() : buildLexicalFromStore(store)
    }
  }
  return { vectorIndex: derived.vectors, lexical: derived.lexical }
}

/** Write the derived files of a new generation, then commit it in the store and remove older files. */
async function commitFull(
  store: IndexStore,
  dir: string,
  updated: { vectorIndex: VectorIndexWriter; lexical: LexicalIndex },
  glossary?: { value: unknown },
): Promise<number> {
  const n = (store.generation()?.n ?? 0) + 1
  // a big job's graph is written on its own thread while this one writes the lexical file
  const hnswWritten = updated.vectorIndex.write(dir, n)
  hnswWritten.catch(() => {}) // awaited below, after the lexical file (whose failure must not leave this unhandled)
  const lexicalFile = writeLexical(dir, n, updated.lexical)
  const hnswFile = await hnswWritten
  const committed = store.commitGeneration(
    {
      n,
      contentVersion: store.contentVersion(),
      hnsw: { ...hnswFile, m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION },
      lexical: lexicalFile,
      baseLabel: store.maxLabel(),
    },
    { filesRewritten: true, glossary },
  )
  removeUnusedFiles(dir, readdirSync(dir), committed)
  return n
}

/** Commit a generation that keeps the committed files: loaders apply the changes since (see DELTA_LIMIT). */
function commitDelta(store: IndexStore, committed: Committed, glossary?: { value: unknown }): number {
  const n = (committed.generation?.n ?? 0) + 1
  const { hnsw, lexical } = committed.generation!
  store.commitGeneration({ n, contentVersion: store.contentVersion(), hnsw, lexical, baseLabel: committed.baseLabel }, { filesRewritten: false, glossary })
  return n
}
