// A worker thread that prepares files for ingest (read, chunk, embed, tokenize) with its own embedder.
import { parentPort } from 'node:worker_threads'
import { createEmbedder } from '../embed'
import type { Embedder } from '../embed/types'
import { type Glossary, loadGlossaryIntoSegmenter } from '../text/glossary'
import { prepareFile } from './prepare'
import type { WorkerRequest, WorkerResponse } from './workers'

let embedder: Promise<Embedder> | undefined

parentPort!.on('message', async (message: WorkerRequest) => {
  const reply = (response: WorkerResponse, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(response, transfer)
  try {
    if (message.type === 'init') {
      loadGlossaryIntoSegmenter(message.glossary as Glossary | undefined)
      embedder = createEmbedder(message.embedderId, { cacheDir: message.cacheDir })
      await embedder
      reply({ type: 'ready' })
      return
    }
    const result = await prepareFile(message.file, await embedder!)
    const transfer = 'ok' in result ? result.ok.vectors.map((v) => v.buffer as ArrayBuffer) : []
    reply({ type: 'result', id: message.id, result }, transfer)
  } catch (err) {
    reply({ type: 'error', id: message.type === 'file' ? message.id : -1, message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  }
})
