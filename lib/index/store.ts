import { existsSync, mkdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type BetterSqlite3 from 'better-sqlite3'
import type { Chunk, SourceDocument } from '../types'

// better-sqlite3 is a native CommonJS addon
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3

/** Version of the store's schema; the JSON-file index of earlier versions was format 1. */
export const SCHEMA_VERSION = 4
export const STORE_FILE = 'index.db'
/** What the JSON-file index (format 1) left in the directory. */
export const LEGACY_FILES = ['manifest.json', 'documents.json', 'chunks.json', 'vectors.f32', 'vectors.hnsw', 'lexical.json']

/** A derived index file as committed with a generation: the store checks it before anyone reads it. */
export interface DerivedFile {
  file: string
  bytes: number
  sha256: string
}

/** What one committed generation consists of. */
export interface Generation {
  n: number
  /** the store's content version the derived files were built from */
  contentVersion: number
  committedAt: string
  hnsw?: DerivedFile & { m: number; efConstruction: number }
  lexical?: DerivedFile
  /**
   * The highest label the derived files hold. A small update does not rewrite them: the chunks
   * added after this label and those in the \`unindexed\` table are applied when they are loaded.
   * (Generations written before this field existed hold every chunk.)
   */
  baseLabel?: number
}

/** What changed in the store since its derived files were written. */
export interface PendingChanges {
  /** labels of chunks deleted since, which the files still hold */
  removed: number[]
  /** chunks added since */
  added: { label: number; indexText: string; vector: Float32Array }[]
}

export interface Manifest {
  format: number
  createdAt: string
  embedder: { id: string; dimension: number }
  chunker: number
  chunkCount: number
  documentCount: number
  generation: number
  /** the corpus glossary the lexical index was built with (queries must segment the same way) */
  glossary?: { terms: Record<string, string[]> }
}

export interface StoredDocumentInfo {
  id: string
  fileName: string
  sha256: string
  title: string
  chunks: number
}

export class IndexError extends Error {}

export type ChunkInfo = Pick<Chunk, 'id' | 'docId' | 'kind' | 'start' | 'end' | 'page' | 'pageEnd'>

/** Chunk row → how its index text relates to its display text (so the common cases store nothing). */
const INDEX_TEXT_SAME = 0
const INDEX_TEXT_TITLED = 1
const INDEX_TEXT_STORED = 2

const SCHEMA = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(
  id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  title TEXT NOT NULL,
  chunk_count INTEGER NOT NULL,
  text BLOB NOT NULL,       -- normalized text, raw deflate
  structure BLOB NOT NULL   -- everything else of the document (meta, blocks, sections, markers, references) as deflated JSON
);
CREATE TABLE chunks(
  label INTEGER PRIMARY KEY AUTOINCREMENT,  -- the chunk's id in the HNSW and lexical indexes
  id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  section TEXT NOT NULL,    -- JSON array of section titles
  ref_id TEXT,
  index_form INTEGER NOT NULL,
  index_text TEXT,          -- only when it is not derived from the display text
  page INTEGER,             -- source page the chunk starts on (paged formats)
  page_end INTEGER          -- and ends on, when later
);
CREATE INDEX chunks_by_doc ON chunks(doc_id, ord);
CREATE TABLE vectors(label INTEGER PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE unindexed(label INTEGER PRIMARY KEY, index_text TEXT NOT NULL);  -- deleted chunks the derived files may still hold (index_text: no longer written, '')
`

/** Upgrades from one schema version to the next (version 2 is the first SQLite store). */
const MIGRATIONS: Record<number, string> = {
  // 3: chunks know their source page
  2: 'ALTER TABLE chunks ADD COLUMN page INTEGER; ALTER TABLE chunks ADD COLUMN page_end INTEGER;',
  // 4: deleted chunks are kept in \`unindexed\` until the derived files are written in full
  3: 'CREATE TABLE unindexed(label INTEGER PRIMARY KEY, index_text TEXT NOT NULL);',
}

// level 4: half the time of the default 6 for 0.7 % more bytes (measured on the 10k scale set's documents)
const deflate = (text: string) => deflateRawSync(Buffer.from(text, 'utf8'), { level: 4 })
const inflate = (blob: Buffer) => inflateRawSync(blob).toString('utf8')

/** A document's row as the store keeps it: its text and structure compressed (done where it is prepared, off the writing thread). */
export interface PackedDocument {
  id: string
  fileName: string
  sha256: string
  title: string
  text: Uint8Array
  structure: Uint8Array
}

export function packDocument(doc: SourceDocument): PackedDocument {
  const { text, ...structure } = doc
  return { id: doc.id, fileName: doc.fileName, sha256: doc.sha256, title: doc.meta.title, text: deflate(text), structure: deflate(JSON.stringify(structure)) }
}

interface ChunkRow {
  label: number
  id: string
  doc_id: string
  kind: string
  start: number
  end: number
  section: string
  ref_id: string | null
  index_form: number
  index_text: string | null
  page: number | null
  page_end: number | null
}

const CHUNK_COLUMNS = 'label, id, doc_id, kind, start, end, section, ref_id, index_form, index_text, page, page_end'

/**
 * The index's source of truth, a SQLite file: documents, chunks, vectors, content hashes and the
 * manifest. Each document's add/replace/delete is one transaction; derived files (HNSW, lexical)
 * are recorded with the generation they belong to. Texts stay on disk: chunks are read by label.
 */
export class IndexStore {
  private readonly textCache = new Map<string, string>()
  /** titles shown with every search result (few documents are shown often); emptied by every write */
  private readonly titleCache = new Map<string, string | undefined>()
  private readonly statements: Record<string, BetterSqlite3.Statement>

  private constructor(
    readonly dir: string,
    readonly db: BetterSqlite3.Database,
  ) {
    this.statements = {
      meta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      chunk: db.prepare(`SELECT ${CHUNK_COLUMNS} FROM chunks WHERE label = ?`),
      chunkById: db.prepare(`SELECT ${CHUNK_COLUMNS} FROM chunks WHERE id = ?`),
      chunksOf: db.prepare(`SELECT ${CHUNK_COLUMNS} FROM chunks WHERE doc_id = ? ORDER BY ord`),
      labelsOf: db.prepare('SELECT label FROM chunks WHERE doc_id = ?').pluck(),
      docText: db.prepare('SELECT text FROM documents WHERE id = ?').pluck(),
      document: db.prepare('SELECT text, structure FROM documents WHERE id = ?'),
      title: db.prepare('SELECT title FROM documents WHERE id = ?').pluck(),
      insertDoc: db.prepare('INSERT INTO documents(id, file_name, sha256, title, chunk_count, text, structure) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertChunk: db.prepare(
        'INSERT INTO chunks(id, doc_id, ord, kind, start, end, section, ref_id, index_form, index_text, page, page_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertVector: db.prepare('INSERT INTO vectors(label, vector) VALUES (?, ?)'),
      deleteVectors: db.prepare('DELETE FROM vectors WHERE label IN (SELECT label FROM chunks WHERE doc_id = ?)'),
      deleteChunks: db.prepare('DELETE FROM chunks WHERE doc_id = ?'),
      deleteDoc: db.prepare('DELETE FROM documents WHERE id = ?'),
      // (both indexes drop a deleted chunk by its label: its text is not needed)
      insertUnindexed: db.prepare("INSERT OR REPLACE INTO unindexed(label, index_text) VALUES (?, '')"),
    }
  }

  static path(dir: string): string {
    return join(dir, STORE_FILE)
  }

  static exists(dir: string): boolean {
    return existsSync(IndexStore.path(dir))
  }

  /**
   * Open the store. A damaged file is an IndexError naming it; an older schema is migrated when a
   * migration exists, otherwise an IndexError says to re-ingest.
   */
  static open(dir: string, options: { create?: boolean; readonly?: boolean } = {}): IndexStore {
    const file = IndexStore.path(dir)
    const isNew = !existsSync(file)
    if (isNew && !options.create) throw new IndexError(`No index store ${file}.`)
    if (isNew) mkdirSync(dir, { recursive: true })
    let store: IndexStore | undefined
    try {
      const db = new Database(file, { readonly: !!options.readonly && !isNew, fileMustExist: !isNew })
      // 16 KB pages hold fifteen 1 KB vectors where 4 KB pages hold three
      if (isNew) db.pragma('page_size = 16384')
      if (!options.readonly) {
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = NORMAL')
      }
      db.pragma('cache_size = -16000') // 16 MB page cache
      if (isNew) {
        db.exec(SCHEMA)
        db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION))
      }
      checkNotTruncated(db, file)
      // before any statement is prepared: they name the current schema's columns
      migrate(db, file, !!options.readonly)
      store = new IndexStore(dir, db)
      return store
    } catch (err) {
      store?.close()
      if (err instanceof IndexError) throw err
      throw damaged(file, err)
    }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  meta(key: string): string | undefined {
    return (this.statements.meta.get(key) as { value: string } | undefined)?.value
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value)
  }

  generation(): Generation | undefined {
    const raw = this.meta('generation')
    return raw ? (JSON.parse(raw) as Generation) : undefined
  }

  contentVersion(): number {
    return Number(this.meta('content_version') ?? 0)
  }

  private bumpContentVersion(): void {
    this.setMeta('content_version', String(this.contentVersion() + 1))
  }

  manifest(): Manifest | undefined {
    const embedderId = this.meta('embedder_id')
    if (!embedderId) return undefined
    const glossary = this.meta('glossary')
    const counts = this.db.prepare('SELECT (SELECT count(*) FROM chunks) AS chunks, (SELECT count(*) FROM documents) AS documents').get() as {
      chunks: number
      documents: number
    }
    return {
      format: Number(this.meta('schema_version')),
      createdAt: this.meta('created_at') ?? '',
      embedder: { id: embedderId, dimension: Number(this.meta('dimension')) },
      chunker: Number(this.meta('chunker')),
      chunkCount: counts.chunks,
      documentCount: counts.documents,
      generation: this.generation()?.n ?? 0,
      ...(glossary ? { glossary: JSON.parse(glossary) } : {}),
    }
  }

  /** Record what the index is built with; a store built otherwise is emptied first. */
  setBuild(build: { embedderId: string; dimension: number; chunker: number }): void {
    this.db.transaction(() => {
      this.setMeta('embedder_id', build.embedderId)
      this.setMeta('dimension', String(build.dimension))
      this.setMeta('chunker', String(build.chunker))
      if (!this.meta('created_at')) this.setMeta('created_at', new Date().toISOString())
    })()
  }

  private setGlossary(glossary: unknown): void {
    if (glossary) this.setMeta('glossary', JSON.stringify(glossary))
    else this.db.prepare("DELETE FROM meta WHERE key = 'glossary'").run()
  }

  /** Remove every document (another embedder or chunker: nothing can be reused). */
  clear(): void {
    this.titleCache.clear()
    this.db.transaction(() => {
      this.db.exec('DELETE FROM vectors; DELETE FROM chunks; DELETE FROM documents; DELETE FROM unindexed;')
      this.bumpContentVersion()
    })()
  }

  documentInfo(): Map<string, StoredDocumentInfo> {
    const rows = this.db.prepare('SELECT id, file_name AS fileName, sha256, title, chunk_count AS chunks FROM documents').all() as StoredDocumentInfo[]
    return new Map(rows.map((r) => [r.id, r]))
  }

  documentCount(): number {
    return this.db.prepare('SELECT count(*) FROM documents').pluck().get() as number
  }

  documentIds(): string[] {
    return this.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as string[]
  }

  chunkCount(): number {
    return this.db.prepare('SELECT count(*) FROM chunks').pluck().get() as number
  }

  /** The highest label handed out so far (labels are never reused). */
  maxLabel(): number {
    return (this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'chunks'").pluck().get() as number | undefined) ?? 0
  }

  private text(docId: string): string | undefined {
    let text = this.textCache.get(docId)
    if (text === undefined) {
      const blob = this.statements.docText.get(docId) as Buffer | undefined
      if (!blob) return undefined
      text = inflate(blob)
      if (this.textCache.size >= 256) this.textCache.delete(this.textCache.keys().next().value!)
    } else this.textCache.delete(docId) // re-inserted below: most recently used last
    this.textCache.set(docId, text)
    return text
  }

  private toChunk(row: ChunkRow): Chunk | undefined {
    const docText = this.text(row.doc_id)
    if (docText === undefined) return undefined
    const section = JSON.parse(row.section) as string[]
    const text = docText.slice(row.start, row.end)
    const indexText =
      row.index_form === INDEX_TEXT_SAME ? text : row.index_form === INDEX_TEXT_TITLED ? `${section[section.length - 1]}\n${text}` : (row.index_text ?? '')
    return {
      id: row.id,
      docId: row.doc_id,
      kind: row.kind as Chunk['kind'],
      section,
      start: row.start,
      end: row.end,
      text,
      indexText,
      ...(row.ref_id ? { refId: row.ref_id } : {}),
      ...pageFields(row),
    }
  }

  /** Where a chunk is, without its text (no document text is read). */
  chunkInfo(label: number): ChunkInfo | undefined {
    const row = this.statements.chunk.get(label) as ChunkRow | undefined
    if (!row) return undefined
    return { id: row.id, docId: row.doc_id, kind: row.kind as Chunk['kind'], start: row.start, end: row.end, ...pageFields(row) }
  }

  /** A chunk by its label; undefined when it no longer exists (its document was replaced or deleted). */
  chunk(label: number): Chunk | undefined {
    const row = this.statements.chunk.get(label) as ChunkRow | undefined
    return row && this.toChunk(row)
  }

  chunkById(id: string): { label: number; chunk: Chunk } | undefined {
    const row = this.statements.chunkById.get(id) as ChunkRow | undefined
    const chunk = row && this.toChunk(row)
    return chunk && { label: row.label, chunk }
  }

  chunksOf(docId: string): Chunk[] {
    return (this.statements.chunksOf.all(docId) as ChunkRow[]).map((r) => this.toChunk(r)).filter((c): c is Chunk => !!c)
  }

  labelsOf(docId: string): number[] {
    return this.statements.labelsOf.all(docId) as number[]
  }

  title(docId: string): string | undefined {
    if (!this.titleCache.has(docId)) {
      if (this.titleCache.size >= 4096) this.titleCache.clear()
      this.titleCache.set(docId, this.statements.title.get(docId) as string | undefined)
    }
    return this.titleCache.get(docId)
  }

  document(id: string): SourceDocument | undefined {
    const row = this.statements.document.get(id) as { text: Buffer; structure: Buffer } | undefined
    if (!row) return undefined
    return { ...(JSON.parse(inflate(row.structure)) as Omit<SourceDocument, 'text'>), text: inflate(row.text) }
  }

  /** Every chunk in label order with its vector (for rebuilding derived indexes), streamed. */
  *vectors(): Generator<{ label: number; vector: Float32Array }> {
    for (const row of this.db.prepare('SELECT label, vector FROM vectors ORDER BY label').iterate() as Iterable<{ label: number; vector: Buffer }>) {
      yield { label: row.label, vector: toFloat32(row.vector) }
    }
  }

  /** Every chunk's label and index text in label order (for rebuilding the lexical index), streamed. */
  *indexTexts(): Generator<{ label: number; indexText: string }> {
    for (const row of this.db.prepare(`SELECT ${CHUNK_COLUMNS} FROM chunks ORDER BY label`).iterate() as Iterable<ChunkRow>) {
      const chunk = this.toChunk(row)
      if (chunk) yield { label: row.label, indexText: chunk.indexText }
    }
  }

  /**
   * Replace (or add) one document with its chunks and vectors in one transaction. Returns the
   * labels and index texts of the chunks it replaced and the labels of the new ones.
   */
  putDocument(doc: PackedDocument, chunks: Chunk[], vectors: Float32Array[]): { removed: number[]; added: number[] } {
    this.titleCache.clear()
    if (vectors.length !== chunks.length) throw new Error(`putDocument: ${chunks.length} chunks but ${vectors.length} vectors`)
    return this.db.transaction(() => {
      const removed = this.removeRows(doc.id)
      this.statements.insertDoc.run(doc.id, doc.fileName, doc.sha256, doc.title, chunks.length, doc.text, doc.structure)
      const added = chunks.map((c, i) => {
        const titled = `${c.section[c.section.length - 1]}\n${c.text}`
        const form = c.indexText === c.text ? INDEX_TEXT_SAME : c.section.length && c.indexText === titled ? INDEX_TEXT_TITLED : INDEX_TEXT_STORED
        const { lastInsertRowid } = this.statements.insertChunk.run(
          c.id,
          c.docId,
          i,
          c.kind,
          c.start,
          c.end,
          JSON.stringify(c.section),
          c.refId ?? null,
          form,
          form === INDEX_TEXT_STORED ? c.indexText : null,
          c.page ?? null,
          c.pageEnd ?? null,
        )
        const v = vectors[i]
        this.statements.insertVector.run(lastInsertRowid, Buffer.from(v.buffer, v.byteOffset, v.byteLength))
        return Number(lastInsertRowid)
      })
      this.bumpContentVersion()
      return { removed, added }
    })()
  }

  /** Delete one document; returns the labels of its chunks. */
  deleteDocument(docId: string): number[] {
    this.titleCache.clear()
    return this.db.transaction(() => {
      const removed = this.removeRows(docId)
      this.bumpContentVersion()
      return removed
    })()
  }

  private removeRows(docId: string): number[] {
    const removed = this.statements.labelsOf.all(docId) as number[]
    // (a new document has no chunks: a big first ingest skips two deletes per document)
    if (removed.length) {
      for (const label of removed) this.statements.insertUnindexed.run(label)
      this.statements.deleteVectors.run(docId)
      this.statements.deleteChunks.run(docId)
    }
    this.statements.deleteDoc.run(docId)
    this.textCache.delete(docId)
    return removed
  }

  /** How many chunks were added after `baseLabel` or deleted since the derived files were written. */
  pendingCount(baseLabel: number): number {
    return this.db
      .prepare('SELECT (SELECT count(*) FROM unindexed WHERE label <= ?) + (SELECT count(*) FROM chunks WHERE label > ?)')
      .pluck()
      .get(baseLabel, baseLabel) as number
  }

  /** The changes since derived files holding the labels up to `baseLabel` were written (see Generation.baseLabel). */
  pendingChanges(baseLabel: number): PendingChanges {
    // one read transaction: both halves see the same state of the store
    return this.db.transaction(() => this.readPendingChanges(baseLabel))()
  }

  private readPendingChanges(baseLabel: number): PendingChanges {
    const removed = this.db.prepare('SELECT label FROM unindexed WHERE label <= ? ORDER BY label').pluck().all(baseLabel) as number[]
    const rows = this.db
      .prepare(`SELECT ${CHUNK_COLUMNS}, vector FROM chunks JOIN vectors USING (label) WHERE label > ? ORDER BY label`)
      .all(baseLabel) as (ChunkRow & { vector: Buffer })[]
    const added = rows.flatMap((row) => {
      const chunk = this.toChunk(row)
      return chunk ? [{ label: row.label, indexText: chunk.indexText, vector: toFloat32(row.vector) }] : []
    })
    return { removed, added }
  }

  /**
   * Make a new generation current: one small transaction, after its files are in place. Files
   * written in full hold no deleted chunk, so the record of those is emptied with it.
   */
  commitGeneration(generation: Omit<Generation, 'committedAt'>, options: { filesRewritten: boolean; glossary?: { value: unknown } }): Generation {
    const committed = { ...generation, committedAt: new Date().toISOString() }
    this.db.transaction(() => {
      this.setMeta('generation', JSON.stringify(committed))
      // (the glossary the files were built with becomes the store's with them)
      if (options.glossary) this.setGlossary(options.glossary.value)
      if (options.filesRewritten) this.db.exec('DELETE FROM unindexed')
    })()
    // fold the write-ahead log into the main file, so the file on disk is the whole store
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    return committed
  }
}

function pageFields(row: ChunkRow): Pick<Chunk, 'page' | 'pageEnd'> {
  if (row.page === null) return {}
  return row.page_end !== null ? { page: row.page, pageEnd: row.page_end } : { page: row.page }
}

export function toFloat32(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength)
  copy.set(blob)
  return new Float32Array(copy.buffer)
}

/** Bring an older store up to the current schema, one version per transaction. */
function migrate(db: BetterSqlite3.Database, file: string, readonly: boolean): void {
  const version = Number((db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined) ?? 0)
  if (version === SCHEMA_VERSION) return
  if (!(version >= 2) || version > SCHEMA_VERSION || Array.from({ length: SCHEMA_VERSION - version }, (_, i) => MIGRATIONS[version + i]).some((m) => !m)) {
    throw new IndexError(`The index store ${file} has schema version ${version}; this version reads ${SCHEMA_VERSION}. Re-ingest with: npm run ingest`)
  }
  if (readonly) throw new IndexError(`The index store ${file} has an older schema (${version}). Update it with: npm run ingest`)
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v])
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(v + 1))
    })()
  }
}

function damaged(file: string, err: unknown): IndexError {
  const reason = err instanceof Error ? err.message : String(err)
  return new IndexError(`The index store ${file} is damaged or unreadable (${reason}). Rebuild it with: npm run ingest`)
}

/** A store file shorter than its header says (and no write-ahead log to make up the rest) is truncated. */
function checkNotTruncated(db: BetterSqlite3.Database, file: string): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const pages = db.pragma('page_count', { simple: true }) as number
  const wal = `${file}-wal`
  const walBytes = existsSync(wal) ? statSync(wal).size : 0
  if (!walBytes && statSync(file).size < pageSize * pages) throw new IndexError(`The index store ${file} is truncated. Rebuild it with: npm run ingest`)
}

/** Whether an error is SQLite saying the file is damaged. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? ''
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || err instanceof IndexError
}

/** The manifest of the index in `dir`, or undefined when there is none (or only an index of an older format). */
export function readManifest(dir: string): Manifest | undefined {
  if (!IndexStore.exists(dir)) return undefined
  const store = IndexStore.open(dir, { readonly: true })
  try {
    return store.manifest()
  } finally {
    store.close()
  }
}
