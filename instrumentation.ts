// Log every request, then load the index, the embedder and the dictionaries when the server starts, so the first question is answered fast.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { logRequests } = await import('./lib/request-log')
  const { log } = await import('./lib/log')
  logRequests()
  const { warmUp } = await import('./lib/server')
  warmUp().catch((err) => log().warn({ err }, 'index not loaded yet: build it with `npm run ingest`'))
}
