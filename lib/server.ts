import { statSync } from 'node:fs'
import { loadConfig } from './config'
import { loadIndex } from './index/open'
import { IndexStore } from './index/store'
import { Retriever } from './retrieve/retriever'
import { oneAtATime } from './turns'

/** How often a request may look for a newer committed generation (one small SQLite read). */
const GENERATION_CHECK_MS = 1000
/** How long a replaced generation stays open for requests that started on it. */
const RETIRE_AFTER_MS = 60_000

interface Serving {
  retriever?: Promise<Retriever>
  /** the store file's inode when opened: a store deleted and built anew is a new generation too */
  inode?: number
  checkedAt: number
  /** the switch to a newer generation under way */
  swap?: Promise<void>
}

// Next bundles instrumentation and each route separately: a global keeps one retriever per process.
const shared = globalThis as typeof globalThis & { __serving?: Serving; __requestTurns?: ReturnType<typeof oneAtATime> }
const serving = (shared.__serving ??= { checkedAt: 0 })
/** every retriever of this process (and each generation swapped in) and the offline answers share one queue */
export const requestTurns = (shared.__requestTurns ??= oneAtATime())

const storeInode = (dir: string) => {
  try {
    return statSync(IndexStore.path(dir)).ino
  } catch {
    return undefined
  }
}

/**
 * One retriever per server process: the index, the embedder and the dictionaries load once. When
 * an ingest commits a new generation, the next request after it notices; the new generation is
 * opened beside the current one, which keeps serving until the swap (one assignment), and is
 * closed a minute later, so no request fails or waits for a restart.
 */
export function getRetriever(): Promise<Retriever> {
  if (!serving.retriever) {
    const config = loadConfig()
    serving.inode = storeInode(config.INDEX_DIR)
    serving.checkedAt = Date.now()
    serving.retriever = Retriever.open(config, { onNotice: (m) => console.warn(`index: ${m}`), turns: requestTurns }).catch((err) => {
      serving.retriever = undefined // a missing index may be built later; try again on the next request
      throw err
    })
    return serving.retriever
  }
  const current = serving.retriever
  if (!serving.swap && Date.now() - serving.checkedAt >= GENERATION_CHECK_MS) {
    serving.checkedAt = Date.now()
    current.then(swapIfNewer, () => {})
  }
  return current
}

/** Open the newest committed generation beside the current one when there is one; resolves when it serves. */
function swapIfNewer(retriever: Retriever): Promise<void> {
  if (serving.swap) return serving.swap
  const dir = retriever.index.dir
  let newer: boolean
  try {
    const inode = storeInode(dir)
    newer = inode !== serving.inode || retriever.index.committedGeneration() !== retriever.index.generation
  } catch {
    newer = true // the store the retriever reads was replaced or removed: try the one there now
  }
  if (!newer) return Promise.resolve()
  // after the current request: opening takes a moment and must not delay it
  serving.swap = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => openNewer(retriever))
    .finally(() => {
      serving.swap = undefined
    })
  return serving.swap
}

async function openNewer(retriever: Retriever): Promise<void> {
  const dir = retriever.index.dir
  try {
    const inode = storeInode(dir)
    const index = await loadIndex(dir, { embedderId: retriever.embedder.id, onNotice: (m) => console.warn(`index: ${m}`) })
    serving.retriever = Promise.resolve(retriever.withIndex(index))
    serving.inode = inode
    console.info(`index: now serving generation ${index.generation} (${index.manifest.chunkCount} passages)`)
    setTimeout(() => retriever.index.close(), RETIRE_AFTER_MS).unref()
  } catch (err) {
    // keep serving the current generation; the next check tries again
    console.warn(`index: could not open the new generation: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/**
 * Switch to the newest committed generation now rather than on a later request: after an ingest in
 * this process (the library page), so the next question already sees the new documents.
 */
export async function serveLatest(): Promise<void> {
  // a switch under way may open a generation older than the one just committed
  await serving.swap
  const retriever = await serving.retriever?.catch(() => undefined)
  if (!retriever) return // opened on the next request, from the newest generation
  serving.checkedAt = Date.now()
  await swapIfNewer(retriever)
}
