import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import type { HierarchicalNSW as HnswType } from 'hnswlib-node'
import type { Chunk, SourceDocument } from '../types'
import { LexicalIndex, type LexicalIndexData } from './lexical'

// hnswlib-node is a native CommonJS addon
const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node') as typeof import('hnswlib-node')

export const INDEX_FORMAT_VERSION = 1

export interface Manifest {
  format: number
  createdAt: string
  embedder: { id: string; dimension: number }
  chunker: number
  documents: { id: string; fileName: string; sha256: string; chunks: number; title: string }[]
  chunkCount: number
  /** the corpus glossary the lexical index was built with (queries must segment the same way) */
  glossary?: { terms: Record<string, string[]> }
}

export interface IndexData {
  manifest: Manifest
  documents: SourceDocument[]
  chunks: Chunk[]
  /** one vector per chunk, in chunk order */
  vectors: Float32Array[]
  lexical: LexicalIndex
}

export interface LoadedIndex extends IndexData {
  dir: string
  hnsw: HnswType
}

export class IndexError extends Error {}

const FILES = {
  manifest: 'manifest.json',
  documents: 'documents.json',
  chunks: 'chunks.json',
  vectors: 'vectors.f32',
  hnsw: 'vectors.hnsw',
  lexical: 'lexical.json',
}

function buildHnsw(vectors: Float32Array[], dimension: number): HnswType {
  const hnsw = new HierarchicalNSW('cosine', dimension)
  hnsw.initIndex(Math.max(1, vectors.length), 16, 200, 100)
  vectors.forEach((v, i) => {
    hnsw.addPoint(Array.from(v), i)
  })
  return hnsw
}

/** Write the whole index to a fresh directory, then swap it into place, so readers never see half of it. */
export function saveIndex(dir: string, data: IndexData): void {
  const target = resolve(dir)
  mkdirSync(dirname(target), { recursive: true })
  const tmp = `${target}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(tmp)
  const vectorBytes = new Float32Array(data.vectors.length * data.manifest.embedder.dimension)
  data.vectors.forEach((v, i) => {
    vectorBytes.set(v, i * data.manifest.embedder.dimension)
  })
  writeFileSync(join(tmp, FILES.vectors), Buffer.from(vectorBytes.buffer))
  buildHnsw(data.vectors, data.manifest.embedder.dimension).writeIndexSync(join(tmp, FILES.hnsw))
  writeFileSync(join(tmp, FILES.documents), JSON.stringify(data.documents))
  writeFileSync(join(tmp, FILES.chunks), JSON.stringify(data.chunks))
  writeFileSync(join(tmp, FILES.lexical), JSON.stringify(data.lexical.data))
  // the manifest goes last: a directory without one is never taken for an index
  writeFileSync(join(tmp, FILES.manifest), JSON.stringify(data.manifest, null, 2))
  const old = `${target}.old-${process.pid}`
  if (existsSync(target)) renameSync(target, old)
  renameSync(tmp, target)
  rmSync(old, { recursive: true, force: true })
  // copies left by an ingest that died mid-swap are superseded now
  for (const name of readdirSync(dirname(target))) {
    if (name.startsWith(`${basename(target)}.old-`) || name.startsWith(`${basename(target)}.tmp-`))
      rmSync(join(dirname(target), name), { recursive: true, force: true })
  }
}

/** The directory holding the current index: the index itself, or the copy a crash left mid-swap. */
function currentIndexDir(dir: string): string | undefined {
  const target = resolve(dir)
  if (existsSync(join(target, FILES.manifest))) return target
  const parent = dirname(target)
  if (!existsSync(parent)) return undefined
  const prefix = `${basename(target)}.old-`
  const left = readdirSync(parent).find((name) => name.startsWith(prefix) && existsSync(join(parent, name, FILES.manifest)))
  return left ? join(parent, left) : undefined
}

export function readManifest(dir: string): Manifest | undefined {
  const current = currentIndexDir(dir)
  if (!current) return undefined
  return JSON.parse(readFileSync(join(current, FILES.manifest), 'utf8')) as Manifest
}

/** Read the stored index without building the HNSW graph (used to reuse unchanged documents). */
export function readIndexData(dir: string): IndexData | undefined {
  const current = currentIndexDir(dir)
  if (!current) return undefined
  const manifest = readManifest(dir)!
  if (manifest.format !== INDEX_FORMAT_VERSION) return undefined
  const read = (name: string) => readFileSync(join(current, name), 'utf8')
  const chunks = JSON.parse(read(FILES.chunks)) as Chunk[]
  const bytes = readFileSync(join(current, FILES.vectors))
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  const k = manifest.embedder.dimension
  return {
    manifest,
    documents: JSON.parse(read(FILES.documents)) as SourceDocument[],
    chunks,
    vectors: chunks.map((_, i) => all.slice(i * k, (i + 1) * k)),
    lexical: new LexicalIndex(JSON.parse(read(FILES.lexical)) as LexicalIndexData),
  }
}

/** Load the index for querying; a missing index, an old format or another embedder is a clear error. */
export function loadIndex(dir: string, options: { embedderId?: string; ef?: number } = {}): LoadedIndex {
  const manifest = readManifest(dir)
  if (!manifest) throw new IndexError(`No index found in ${dir}. Build it with: npm run ingest${dir === 'data/index' ? '' : ` -- --index ${dir}`}`)
  if (manifest.format !== INDEX_FORMAT_VERSION) {
    throw new IndexError(`The index in ${dir} was written by an older version (format ${manifest.format}). Re-ingest with: npm run ingest`)
  }
  if (options.embedderId && manifest.embedder.id !== options.embedderId) {
    throw new IndexError(
      `The index in ${dir} was built with the embedder "${manifest.embedder.id}", but "${options.embedderId}" is configured. ` +
        `Re-ingest with: npm run ingest -- --embedder ${options.embedderId} (or set EMBEDDER=${manifest.embedder.id}).`,
    )
  }
  const data = readIndexData(dir)!
  const hnsw = new HierarchicalNSW('cosine', manifest.embedder.dimension)
  hnsw.readIndexSync(join(currentIndexDir(dir)!, FILES.hnsw))
  // ef is not saved with the index
  hnsw.setEf(options.ef ?? 100)
  return { ...data, dir, hnsw }
}

/** Exclusive lock file beside the index, so two ingests never race; a lock left by a dead process is taken over. */
export function acquireLock(dir: string): () => void {
  const lock = `${resolve(dir)}.lock`
  mkdirSync(dirname(lock), { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' })
      return () => rmSync(lock, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number(readFileSync(lock, 'utf8'))
      if (pid && isAlive(pid)) throw new IndexError(`Another ingest (pid ${pid}) is writing ${dir}; wait for it to finish.`)
      rmSync(lock, { force: true })
    }
  }
  throw new IndexError(`Could not lock ${dir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
