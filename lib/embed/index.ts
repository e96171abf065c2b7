import { BilingualEmbedder, BUILTIN_EMBEDDER_ID } from './bilingual'
import { TRANSFORMERS_PREFIX, TransformersEmbedder } from './transformers'
import type { Embedder } from './types'

export { BUILTIN_EMBEDDER_ID } from './bilingual'
export type { Embedder } from './types'

/** An embedder from its id: "builtin-cedict" or "transformers:<hub id or local folder>". */
export async function createEmbedder(id: string, options: { cacheDir: string; log?: (message: string) => void }): Promise<Embedder> {
  if (id === BUILTIN_EMBEDDER_ID) return BilingualEmbedder.load(options.cacheDir, options.log)
  if (id.startsWith(TRANSFORMERS_PREFIX)) return TransformersEmbedder.load(id.slice(TRANSFORMERS_PREFIX.length), options)
  throw new Error(`Unknown embedder "${id}": use "${BUILTIN_EMBEDDER_ID}" or "${TRANSFORMERS_PREFIX}<model id or local folder>"`)
}
