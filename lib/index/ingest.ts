import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { CHUNKER_VERSION } from '../chunk/chunk'
import { type CorpusFile, listCorpusFiles, listDocumentPaths } from '../corpus/load'
import { SourceFileError } from '../corpus/read'
import { BUILTIN_EMBEDDER_ID, isBuiltinEmbedder } from '../embed/ids'
import type { Embedder } from '../embed/types'
import { loadGlossaryIntoSegmenter, readGlossary } from '../text/glossary'
import { lexicalTerms } from '../text/segment'
import { buildLexicalFromStore, DerivedFileProblem, HNSW_EF_CONSTRUCTION, HNSW_M, removeUnusedFiles, verifyDerivedFile, writeLexical } from './derived'
import { uniqueDocIds } from './docids'
import { LexicalIndex } from './lexical'
import { acquireLock, removeLeftovers } from './lock'
import { readLexical } from './open'
import { type PrepareResult, prepareFile } from './prepare'
import { IndexStore, isCorruptionError, LEGACY_FILES, STORE_FILE } from './store'
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
}

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

    const failed: IngestSummary['failed'] = []
    const notices: IngestSummary['notices'] = []
    let embedded = 0
    let embedSeconds = 0
    let written = 0
    const rewritten = new Set<string>()
    const toRead = listed.files.filter((f) => (options.paths && options.force) || stored.get(f.docId)?.sha256 !== f.sha256)
    const reusedDocuments = listed.files.length - toRead.length
    const workers = options.cacheDir && toRead.length >= MIN_FILES_FOR_WORKERS ? (options.workers ?? defaultWorkerCount()) : 0
    if (workers > 0) log(`preparing ${toRead.length} files on ${workers} worker thread${workers > 1 ? 's' : ''}`)
    // a big job also gives the HNSW inserts a thread of their own
    const loadDerived = () => openDerived(store!, indexDir, derived, log, { ownThread: workers > 0 })
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
        const { vectorIndex, lexical } = await loadDerived()
        const { removed, added } = store.putDocument(doc, chunks, vectors)
        unindex(vectorIndex, lexical, removed)
        await vectorIndex.add(added, vectors)
        added.forEach((label, j) => {
          lexical.add(label, terms[j])
        })
        embedded += chunks.length
        embedSeconds += result.ok.embedSeconds
        written++
        rewritten.add(file.docId)
      }
      options.onProgress?.({ files: i, totalFiles: toRead.length, chunks: embedded })
    }

    const present = new Set(listed.files.map((f) => f.docId))
    // named files add to the index; only a whole corpus folder says which documents are gone
    const gone = options.paths ? (options.remove ?? []).filter((id) => stored.has(id)) : [...stored.keys()].filter((id) => !present.has(id))
    if (!written && (options.paths ? failed.length > 0 && failed.length === listed.files.length : stored.size === gone.length))
      throw new NothingIngestedError(options.corpusDir, failed)
    for (const id of gone) {
      const { vectorIndex, lexical } = await loadDerived()
      unindex(vectorIndex, lexical, store.deleteDocument(id))
      log(`deleted: ${id}${options.paths ? '' : ' (its file is gone)'}`)
    }

    const seconds = () => (performance.now() - started) / 1000
    const summary = (upToDate: boolean, generation: number): IngestSummary => ({
      documents: store!.documentInfo().size,
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
    if (!written && !gone.length && !glossaryChanged) {
      // nothing changed: the committed files only need to be intact
      if (!derivedIntact(store, indexDir)) await loadDerived()
      if (!derived.rebuilt.length) return summary(true, store.generation()?.n ?? 0)
    }
    if (glossaryChanged) {
      store.setGlossary(glossary)
      // documents indexed with the old glossary remain: their terms must be derived again
      if ([...stored.keys()].some((id) => !rewritten.has(id) && !gone.includes(id))) {
        derived.rebuilt.push('lexical index (the glossary changed)')
        derived.lexical = buildLexicalFromStore(store)
      }
    }
    const { vectorIndex, lexical } = await loadDerived()
    const generation = await commit(store, indexDir, vectorIndex, lexical)
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

function unindex(vectorIndex: VectorIndexWriter, lexical: LexicalIndex, removed: { label: number; indexText: string }[]): void {
  vectorIndex.remove(removed.map((r) => r.label))
  for (const r of removed) lexical.remove(r.label, lexicalTerms(r.indexText))
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

function derivedIntact(store: IndexStore, dir: string): boolean {
  const generation = store.generation()
  try {
    verifyDerivedFile(dir, generation?.hnsw, generation, store.contentVersion())
    const lexical = verifyDerivedFile(dir, generation?.lexical, generation, store.contentVersion())
    return LexicalIndex.isCurrentFormat(readFileSync(lexical).subarray(0, 8))
  } catch (err) {
    if (err instanceof DerivedFileProblem) return false
    throw err
  }
}

/** The committed HNSW and lexical indexes, or rebuilt from the store when they are missing, stale or damaged. */
async function openDerived(
  store: IndexStore,
  dir: string,
  derived: Derived,
  log: (m: string) => void,
  options: { ownThread: boolean },
): Promise<{ vectorIndex: VectorIndexWriter; lexical: LexicalIndex }> {
  const generation = store.generation()
  const contentVersion = store.contentVersion()
  if (!derived.vectors) {
    let source: VectorIndexSource
    try {
      source = { from: 'file', path: verifyDerivedFile(dir, generation?.hnsw, generation, contentVersion) }
    } catch (err) {
      if (!(err instanceof DerivedFileProblem)) throw err
      const empty = store.chunkCount() === 0
      if (!empty) {
        log(`the vector index cannot be used (${err.message}); rebuilding it from the stored vectors`)
        derived.rebuilt.push('vector index')
      }
      source = empty ? { from: 'nothing' } : { from: 'store', dir }
    }
    derived.vectors = await openVectorIndex(source, Number(store.meta('dimension')), options)
  }
  if (!derived.lexical) {
    try {
      derived.lexical = readLexical(verifyDerivedFile(dir, generation?.lexical, generation, contentVersion))
    } catch (err) {
      if (!(err instanceof DerivedFileProblem)) throw err
      const empty = store.chunkCount() === 0
      if (!empty) {
        log(`the lexical index cannot be used (${err.message}); rebuilding it from the stored passages`)
        derived.rebuilt.push('lexical index')
      }
      derived.lexical = empty ? new LexicalIndex() : buildLexicalFromStore(store)
    }
  }
  return { vectorIndex: derived.vectors, lexical: derived.lexical }
}

/** Write the derived files of a new generation, then commit it in the store and remove older files. */
async function commit(store: IndexStore, dir: string, vectorIndex: VectorIndexWriter, lexical: LexicalIndex): Promise<number> {
  const n = (store.generation()?.n ?? 0) + 1
  const hnswFile = await vectorIndex.write(dir, n)
  const lexicalFile = writeLexical(dir, n, lexical)
  const committed = store.commitGeneration({
    n,
    contentVersion: store.contentVersion(),
    hnsw: { ...hnswFile, m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION },
    lexical: lexicalFile,
  })
  removeUnusedFiles(dir, readdirSync(dir), committed)
  return n
}
