import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HierarchicalNSW as HnswType } from 'hnswlib-node'
import { BUILTIN_EMBEDDER_ID, isBuiltinEmbedder } from '../embed/ids'
import { type Glossary, loadGlossaryIntoSegmenter } from '../text/glossary'
import type { Chunk, SourceDocument } from '../types'
import { applyToLexical, baseLabelOf, buildHnswFromStore, buildLexicalFromStore, DEFAULT_EF, DerivedFileProblem, readHnsw, verifyDerivedFile } from './derived'
import { LexicalIndex } from './lexical'
import { type ChunkInfo, type Generation, IndexError, IndexStore, LEGACY_FILES, type Manifest, type PendingChanges } from './store'
import { applyToHnsw } from './vector-index'

/** An index opened for searching: the store (texts stay on disk) plus the HNSW and lexical indexes in memory. */
export class LoadedIndex {
  private allDocuments?: SourceDocument[]

  constructor(
    readonly dir: string,
    readonly store: IndexStore,
    readonly manifest: Manifest,
    readonly hnsw: HnswType,
    readonly lexical: LexicalIndex,
    /** what was repaired while opening (a damaged or stale derived file rebuilt from the store) */
    readonly notices: string[],
  ) {}

  get generation(): number {
    return this.manifest.generation
  }

  /** The generation the store has committed now (differs from `generation` once a newer ingest finished). */
  committedGeneration(): number {
    return this.store.generation()?.n ?? 0
  }

  chunk(label: number): Chunk | undefined {
    return this.store.chunk(label)
  }

  chunkInfo(label: number): ChunkInfo | undefined {
    return this.store.chunkInfo(label)
  }

  chunkById(id: string): Chunk | undefined {
    return this.store.chunkById(id)?.chunk
  }

  chunksOf(docId: string): Chunk[] {
    return this.store.chunksOf(docId)
  }

  labelsOf(docId: string): number[] {
    return this.store.labelsOf(docId)
  }

  document(id: string): SourceDocument | undefined {
    return this.store.document(id)
  }

  title(docId: string): string | undefined {
    return this.store.title(docId)
  }

  documentIds(): string[] {
    return this.store.documentIds()
  }

  /** Every document, read once (for small corpora and tools; prefer `document(id)`). */
  get documents(): SourceDocument[] {
    this.allDocuments ??= this.store.documentIds().map((id) => this.store.document(id)!)
    return this.allDocuments
  }

  /** Every chunk in label order (for tools such as the evaluation baseline; prefer `chunk(label)`). */
  get chunks(): Chunk[] {
    return this.store.documentIds().flatMap((id) => this.store.chunksOf(id))
  }

  close(): void {
    this.store.close()
  }
}

function noIndex(dir: string): IndexError {
  if (existsSync(join(dir, LEGACY_FILES[0])))
    return new IndexError(`The index in ${dir} was written by an older version (format 1, JSON files). Re-ingest with: npm run ingest${ingestArgs(dir)}`)
  return new IndexError(`No index found in ${dir}. Build it with: npm run ingest${ingestArgs(dir)}`)
}

const ingestArgs = (dir: string) => (dir === 'data/index' ? '' : ` -- --index ${dir}`)

/**
 * Open the index for querying. A missing index, an older format or another embedder is a clear
 * error; a missing, stale or damaged HNSW or lexical file is detected before it is parsed and
 * rebuilt in memory from the store, with a notice (the next ingest writes it again).
 */
export async function loadIndex(dir: string, options: { embedderId?: string; ef?: number; onNotice?: (message: string) => void } = {}): Promise<LoadedIndex> {
  if (!IndexStore.exists(dir)) throw noIndex(dir)
  const store = IndexStore.open(dir, { readonly: true })
  try {
    const manifest = store.manifest()
    if (!manifest) throw noIndex(dir)
    const wanted = options.embedderId && isBuiltinEmbedder(options.embedderId) ? BUILTIN_EMBEDDER_ID : options.embedderId
    if (wanted && manifest.embedder.id !== wanted) {
      throw new IndexError(
        `The index in ${dir} was built with the embedder "${manifest.embedder.id}", but "${options.embedderId}" is configured. ` +
          `Re-ingest with: npm run ingest -- --embedder ${options.embedderId} (or set EMBEDDER=${manifest.embedder.id}).`,
      )
    }
    // queries and a lexical rebuild must segment text the way the index was built
    loadGlossaryIntoSegmenter(manifest.glossary as Glossary | undefined)
    const notices: string[] = []
    const notice = (message: string) => {
      notices.push(message)
      options.onNotice?.(message)
    }
    const derived: DerivedSources = { dir, store, generation: store.generation(), contentVersion: store.contentVersion(), notice }
    // the graph's file is read on another thread while this one reads the lexical index
    const reading = openHnsw(derived, manifest)
    let lexical: LexicalIndex
    try {
      lexical = openLexical(derived)
    } catch (err) {
      // the graph's read is not left running (or failing unheard) past the store's closing
      await reading.catch(() => undefined)
      throw err
    }
    const hnsw = await reading
    hnsw.setEf(options.ef ?? DEFAULT_EF)
    return new LoadedIndex(dir, store, manifest, hnsw, lexical, notices)
  } catch (err) {
    store.close()
    throw err
  }
}

/** What the derived indexes are opened from; `pending` is read once, when a file older than the store needs it. */
interface DerivedSources {
  dir: string
  store: IndexStore
  generation: Generation | undefined
  contentVersion: number
  notice: (message: string) => void
  pending?: PendingChanges
}

/** The files of a small update's generation are older than the store: its changes are applied to them. */
function pendingChanges(d: DerivedSources): PendingChanges {
  d.pending ??= d.store.pendingChanges(baseLabelOf(d.generation, d.store))
  return d.pending
}

async function openHnsw(d: DerivedSources, manifest: Manifest): Promise<HnswType> {
  const rebuild = (problem: DerivedFileProblem) => {
    d.notice(`The vector index cannot be used (${problem.message}); rebuilt it from the ${manifest.chunkCount} stored vectors. Run npm run ingest to save it.`)
    return buildHnswFromStore(d.store, manifest.embedder.dimension)
  }
  let path: string
  try {
    path = verifyDerivedFile(d.dir, d.generation?.hnsw, d.generation, d.contentVersion)
  } catch (err) {
    if (err instanceof DerivedFileProblem) return rebuild(err)
    throw err
  }
  const hnsw = await readHnsw(path, manifest.embedder.dimension)
  applyToHnsw(hnsw, pendingChanges(d))
  return hnsw
}

function openLexical(d: DerivedSources): LexicalIndex {
  try {
    const lexical = readLexical(verifyDerivedFile(d.dir, d.generation?.lexical, d.generation, d.contentVersion))
    applyToLexical(lexical, pendingChanges(d))
    return lexical
  } catch (err) {
    if (!(err instanceof DerivedFileProblem)) throw err
    d.notice(`The lexical index cannot be used (${err.message}); rebuilt it from the stored passages. Run npm run ingest to save it.`)
    return buildLexicalFromStore(d.store)
  }
}

export function readLexical(path: string): LexicalIndex {
  try {
    return LexicalIndex.deserialize(readFileSync(path))
  } catch (err) {
    throw new DerivedFileProblem(`${path.split('/').pop()} cannot be read: ${(err as Error).message}`)
  }
}
