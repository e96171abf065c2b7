import { Worker } from 'node:worker_threads'
import type { HierarchicalNSW as HnswType } from 'hnswlib-node'
import { buildHnswFromStore, ensureCapacity, newHnsw, readHnsw, writeHnsw } from './derived'
import { type DerivedFile, IndexStore, type PendingChanges } from './store'

/** Where the HNSW graph an ingest updates comes from: its verified file, the store's vectors, or nothing yet. */
export type VectorIndexSource = { from: 'file'; path: string } | { from: 'store'; dir: string } | { from: 'nothing' }

/** The HNSW graph an ingest updates: in this thread, or on a thread of its own for big jobs. */
export interface VectorIndexWriter {
  /** insert points (a label already in the graph is replaced); resolves when more may be sent */
  add(labels: number[], vectors: Float32Array[]): Promise<void>
  /** mark points deleted; a label not in the graph is ignored */
  remove(labels: number[]): void
  /** write the graph as this generation's file */
  write(dir: string, generation: number): Promise<DerivedFile>
  close(): Promise<void>
}

export async function loadHnsw(source: VectorIndexSource, dimension: number): Promise<HnswType> {
  if (source.from === 'file') return await readHnsw(source.path, dimension)
  if (source.from === 'nothing') return newHnsw(dimension, 1024)
  const store = IndexStore.open(source.dir, { readonly: true })
  try {
    return buildHnswFromStore(store, dimension)
  } finally {
    store.close()
  }
}

/** Insert points given as consecutive rows of `packed`, one per label. */
export function addPoints(hnsw: HnswType, labels: number[], packed: Float32Array): void {
  const dimension = packed.length / Math.max(1, labels.length)
  ensureCapacity(hnsw, labels.length)
  labels.forEach((label, i) => {
    hnsw.addPoint(Array.from(packed.subarray(i * dimension, (i + 1) * dimension)), label, true)
  })
}

export function removePoints(hnsw: HnswType, labels: number[]): void {
  for (const label of labels) {
    try {
      hnsw.markDelete(label)
    } catch {
      // not in the graph (it was rebuilt without it): nothing to delete
    }
  }
}

/** Bring a graph read from a generation's file up to the store. */
export function applyToHnsw(hnsw: HnswType, pending: PendingChanges): void {
  removePoints(hnsw, pending.removed)
  addPoints(
    hnsw,
    pending.added.map((a) => a.label),
    pack(pending.added.map((a) => a.vector)),
  )
}

function pack(vectors: Float32Array[]): Float32Array {
  const dimension = vectors[0]?.length ?? 0
  const packed = new Float32Array(vectors.length * dimension)
  vectors.forEach((v, i) => {
    packed.set(v, i * dimension)
  })
  return packed
}

/** Open the graph in this thread (small jobs: no thread to start) or on a thread of its own. */
export async function openVectorIndex(source: VectorIndexSource, dimension: number, options: { ownThread: boolean }): Promise<VectorIndexWriter> {
  return options.ownThread ? ThreadVectorIndex.start(source, dimension) : new LocalVectorIndex(await loadHnsw(source, dimension))
}

class LocalVectorIndex implements VectorIndexWriter {
  constructor(private readonly hnsw: HnswType) {}
  async add(labels: number[], vectors: Float32Array[]): Promise<void> {
    addPoints(this.hnsw, labels, pack(vectors))
  }
  remove(labels: number[]): void {
    removePoints(this.hnsw, labels)
  }
  async write(dir: string, generation: number): Promise<DerivedFile> {
    return writeHnsw(dir, generation, this.hnsw)
  }
  async close(): Promise<void> {}
}

export type VectorWorkerRequest =
  | { type: 'add'; labels: number[]; packed: Float32Array }
  | { type: 'remove'; labels: number[] }
  | { type: 'write'; id: number; dir: string; generation: number }
export type VectorWorkerResponse =
  | { type: 'ready' }
  | { type: 'added' }
  | { type: 'written'; id: number; file: DerivedFile }
  | { type: 'error'; message: string }

/** batches of points sent and not yet inserted: bounds the memory of a queue when inserting falls behind */
const MAX_BATCHES_IN_FLIGHT = 64

/**
 * The graph on a worker thread: inserts (the largest single cost of a big ingest, about 0.7 ms a
 * passage at 100k) run beside the thread that writes the store and the lexical index. Requests are
 * handled in the order they are sent; a failure is reported by the next call.
 */
class ThreadVectorIndex implements VectorIndexWriter {
  private failure: Error | undefined
  private readonly writes = new Map<number, { resolve: (file: DerivedFile) => void; reject: (err: Error) => void }>()
  private nextId = 1
  private batchesInFlight = 0
  private room: (() => void) | undefined

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: VectorWorkerResponse) => {
      if (message.type === 'added') this.batchInserted()
      else if (message.type === 'written') this.writes.get(message.id)?.resolve(message.file)
      else if (message.type === 'error') this.fail(new Error(`vector index thread: ${message.message}`))
    })
    worker.on('error', (err) => this.fail(err))
  }

  static start(source: VectorIndexSource, dimension: number): Promise<ThreadVectorIndex> {
    const worker = new Worker(new URL('./vector-worker-entry.mjs', import.meta.url), { workerData: { source, dimension } })
    return new Promise((resolve, reject) => {
      const onMessage = (message: VectorWorkerResponse) => {
        if (message.type === 'ready') resolve(new ThreadVectorIndex(worker))
        else if (message.type === 'error') reject(new Error(`vector index thread: ${message.message}`))
        else return
        worker.off('message', onMessage)
        worker.off('error', reject)
      }
      worker.on('message', onMessage)
      worker.on('error', reject)
    })
  }

  private fail(err: Error): void {
    this.failure ??= err
    for (const w of this.writes.values()) w.reject(err)
    this.writes.clear()
    this.room?.()
  }

  private batchInserted(): void {
    this.batchesInFlight--
    this.room?.()
    this.room = undefined
  }

  private send(request: VectorWorkerRequest, transfer: ArrayBuffer[] = []): void {
    if (this.failure) throw this.failure
    this.worker.postMessage(request, transfer)
  }

  async add(labels: number[], vectors: Float32Array[]): Promise<void> {
    const packed = pack(vectors)
    this.send({ type: 'add', labels, packed }, [packed.buffer as ArrayBuffer])
    this.batchesInFlight++
    while (this.batchesInFlight >= MAX_BATCHES_IN_FLIGHT && !this.failure) await new Promise<void>((resolve) => (this.room = resolve))
    if (this.failure) throw this.failure
  }

  remove(labels: number[]): void {
    if (labels.length) this.send({ type: 'remove', labels })
  }

  write(dir: string, generation: number): Promise<DerivedFile> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.writes.set(id, { resolve, reject })
      this.send({ type: 'write', id, dir, generation })
    })
  }

  async close(): Promise<void> {
    await this.worker.terminate()
  }
}
