/**
 * The built-in embedder's id as recorded in index manifests. The version changes whenever its vectors
 * change, so an index built by an older version is re-embedded instead of mixed with new query vectors.
 */
export const BUILTIN_EMBEDDER_ID = 'builtin-cedict-v2'

/** Names that mean the current built-in embedder (the unversioned one is what users write). */
export const isBuiltinEmbedder = (id: string) => id === BUILTIN_EMBEDDER_ID || id === 'builtin-cedict'
