import { createHash } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { HierarchicalNSW as HnswType } from 'hnswlib-node'
import { lexicalTerms } from '../text/segment'
import { LexicalIndex } from './lexical'
import type { DerivedFile, Generation, IndexStore, PendingChanges } from './store'

// hnswlib-node is a native CommonJS addon
const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node') as typeof import('hnswlib-node')

/**
 * HNSW build parameters: links per node and the candidate list while inserting. Inserting is the
 * largest single cost of an ingest (one thread). Measured on the 100k scale set's vectors (built-in
 * embedder v2, AVX2 build): M 32/efC 200 1.05 ms per insert, recall@10 0.953 at ef 1000 (4.4 ms per
 * search); M 16/efC 200 0.72 ms, 0.955 at ef 1400 and 0.961 at 1600 (5.6 ms); M 12 0.68 ms but 0.944
 * at 1600; efC 100 lost recall (0.91 at ef 1000 with M 32).
 */
export const HNSW_M = 16
export const HNSW_EF_CONSTRUCTION = 200
/** Candidate list while searching (not saved with the index: set after loading); see above, and `npm run bench -- --scale`. */
export const DEFAULT_EF = 1600

export const hnswFileName = (generation: number) => `hnsw-${generation}.bin`
export const lexicalFileName = (generation: number) => `lexical-${generation}.bin`

/** Why a derived file cannot be used as it is. */
export class DerivedFileProblem extends Error {}

/** SHA-256 of a file, read in slices: the HNSW file of a large index is never one buffer in memory. */
function sha256File(path: string): string {
  const hash = createHash('sha256')
  const slice = Buffer.allocUnsafe(4 << 20)
  const fd = openSync(path, 'r')
  try {
    for (let n = readSync(fd, slice); n > 0; n = readSync(fd, slice)) hash.update(slice.subarray(0, n))
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

/**
 * Check a derived file against what the generation recorded (present, same size, same checksum)
 * before anything parses it: hnswlib would crash on a garbled file.
 */
export function verifyDerivedFile(dir: string, recorded: DerivedFile | undefined, generation: Generation | undefined, contentVersion: number): string {
  if (!recorded || !generation) throw new DerivedFileProblem('no generation has been committed')
  const path = join(dir, recorded.file)
  if (generation.contentVersion !== contentVersion) throw new DerivedFileProblem(`${recorded.file} is stale (the store changed after it was written)`)
  if (!existsSync(path)) throw new DerivedFileProblem(`${recorded.file} is missing`)
  const bytes = statSync(path).size
  if (bytes !== recorded.bytes) throw new DerivedFileProblem(`${recorded.file} has ${bytes} bytes, ${recorded.bytes} were written`)
  if (sha256File(path) !== recorded.sha256) throw new DerivedFileProblem(`${recorded.file} does not match its checksum`)
  return path
}

/** Write a file under a temporary name, flush it, then rename it into place. */
function writeDurably(path: string, write: (tmp: string) => void): DerivedFile {
  const tmp = `${path}.tmp-${process.pid}`
  write(tmp)
  const fd = openSync(tmp, 'r')
  fsyncSync(fd)
  closeSync(fd)
  renameSync(tmp, path)
  return { file: path.split('/').pop()!, bytes: statSync(path).size, sha256: sha256File(path) }
}

export function newHnsw(dimension: number, capacity: number): HnswType {
  const hnsw = new HierarchicalNSW('cosine', dimension)
  // allowReplaceDeleted: a replaced document's slots are reused, so the graph does not grow with updates
  hnsw.initIndex(Math.max(16, capacity), HNSW_M, HNSW_EF_CONSTRUCTION, 100, true)
  hnsw.setEf(DEFAULT_EF)
  return hnsw
}

/** Make room for `more` points (capacity grows by half again, so resizes stay rare). */
export function ensureCapacity(hnsw: HnswType, more: number): void {
  const need = hnsw.getCurrentCount() + more
  if (need > hnsw.getMaxElements()) hnsw.resizeIndex(Math.max(need, Math.ceil(hnsw.getMaxElements() * 1.5)))
}

/**
 * Read an HNSW file on a libuv thread: at 100k passages hnswlib takes about a second to read it (it
 * walks every element's links with a seek each), time the caller can spend reading the lexical index.
 */
export async function readHnsw(path: string, dimension: number): Promise<HnswType> {
  const hnsw = new HierarchicalNSW('cosine', dimension)
  await hnsw.readIndex(path, true)
  hnsw.setEf(DEFAULT_EF)
  return hnsw
}

export function buildHnswFromStore(store: IndexStore, dimension: number): HnswType {
  const hnsw = newHnsw(dimension, Math.ceil(store.chunkCount() * 1.1))
  for (const { label, vector } of store.vectors()) hnsw.addPoint(Array.from(vector), label)
  return hnsw
}

export function buildLexicalFromStore(store: IndexStore): LexicalIndex {
  const lexical = new LexicalIndex()
  for (const { label, indexText } of store.indexTexts()) lexical.add(label, lexicalTerms(indexText))
  return lexical
}

/** The highest label a generation's files hold (older generations hold every chunk: their content version is checked). */
export function baseLabelOf(generation: Generation | undefined, store: IndexStore): number {
  return generation?.baseLabel ?? store.maxLabel()
}

/** Bring a lexical index read from a generation's file up to the store. */
export function applyToLexical(lexical: LexicalIndex, pending: PendingChanges): void {
  for (const label of pending.removed) lexical.remove(label)
  for (const a of pending.added) lexical.add(a.label, lexicalTerms(a.indexText))
}

export function writeHnsw(dir: string, generation: number, hnsw: HnswType): DerivedFile {
  return writeDurably(join(dir, hnswFileName(generation)), (tmp) => hnsw.writeIndexSync(tmp))
}

export function writeLexical(dir: string, generation: number, lexical: LexicalIndex): DerivedFile {
  // written part by part: the whole file is never one buffer in memory
  return writeDurably(join(dir, lexicalFileName(generation)), (tmp) => {
    const fd = openSync(tmp, 'w')
    try {
      for (const part of lexical.serializeParts()) for (let at = 0; at < part.length; ) at += writeSync(fd, part, at)
    } finally {
      closeSync(fd)
    }
  })
}

/** Remove derived files of other generations and temporary files (never the current generation's). */
export function removeUnusedFiles(dir: string, names: string[], current: Generation | undefined): string[] {
  const keep = new Set([current?.hnsw?.file, current?.lexical?.file])
  const removed: string[] = []
  for (const name of names) {
    const derived = /^(hnsw|lexical)-\d+\.bin$/.test(name)
    if ((derived && !keep.has(name)) || /\.tmp-\d+$/.test(name)) {
      rmSync(join(dir, name), { force: true, recursive: true })
      removed.push(name)
    }
  }
  return removed
}
