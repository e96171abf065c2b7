// The HNSW graph of a big ingest, on a thread of its own (see ThreadVectorIndex in vector-index.ts).
import { parentPort, workerData } from 'node:worker_threads'
import type { HierarchicalNSW as HnswType } from 'hnswlib-node'
import { writeHnsw } from './derived'
import { addPoints, loadHnsw, removePoints, type VectorIndexSource, type VectorWorkerRequest, type VectorWorkerResponse } from './vector-index'

const reply = (response: VectorWorkerResponse) => parentPort!.postMessage(response)
const errorMessage = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err))

let hnsw: HnswType | undefined
try {
  const { source, dimension } = workerData as { source: VectorIndexSource; dimension: number }
  hnsw = await loadHnsw(source, dimension)
  reply({ type: 'ready' })
} catch (err) {
  reply({ type: 'error', message: errorMessage(err) })
}

parentPort!.on('message', (request: VectorWorkerRequest) => {
  if (!hnsw) return
  try {
    if (request.type === 'add') {
      addPoints(hnsw, request.labels, request.packed)
      reply({ type: 'added' })
    } else if (request.type === 'remove') removePoints(hnsw, request.labels)
    else reply({ type: 'written', id: request.id, file: writeHnsw(request.dir, request.generation, hnsw) })
  } catch (err) {
    reply({ type: 'error', message: errorMessage(err) })
  }
})
