import { BilingualEmbedder, type BuildProgress } from './bilingual'
import { isBuiltinEmbedder } from './ids'
import { TRANSFORMERS_PREFIX, TransformersEmbedder } from './transformers'
import type { Embedder } from './types'

export { BUILTIN_EMBEDDER_ID, isBuiltinEmbedder } from './ids'
export type { Embedder } from './types'

/** An embedder from its id: "builtin-cedict" (the current version) or "transformers:<hub id or local folder>". */
export async function createEmbedder(id: string, options: { cacheDir: string; log?: (message: string) => void; progress?: BuildProgress }): Promise<Embedder> {
  if (isBuiltinEmbedder(id)) return BilingualEmbedder.load(options.cacheDir, options.log, options.progress)
  if (id.startsWith(TRANSFORMERS_PREFIX)) return TransformersEmbedder.load(id.slice(TRANSFORMERS_PREFIX.length), options)
  throw new Error(`Unknown embedder "${id}": use "builtin-cedict" or "${TRANSFORMERS_PREFIX}<model id or local folder>"`)
}
