// Load the index, the embedder and the dictionaries when the server starts, so the first question is answered fast.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { warmUp } = await import('./lib/server')
  warmUp().catch((err) => console.warn(`index not loaded yet: ${err instanceof Error ? err.message : err}`))
}
