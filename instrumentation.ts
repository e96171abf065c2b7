// Log every request, then load the index, the embedder and the dictionaries when the server starts, so the first question is answered fast.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { logRequests } = await import('./lib/request-log')
  const { log } = await import('./lib/log')
  logRequests()
  const { setWarmUpState } = await import('./lib/warm-up')
  setWarmUpState('loading')
  console.log(' ○ Loading the index (the page says so until it is ready)…')
  const started = performance.now()
  const { getRetriever } = await import('./lib/server')
  const { answerOnce } = await import('./lib/answer/answer')
  // everything a first question needs (index, embedder, dictionaries), loaded before anyone asks
  const warmUp = async () => {
    const retriever = await getRetriever()
    for (const q of ['What hampers technology transfer?', '科技合作']) await answerOnce(q, [], { retriever })
  }
  warmUp().then(
    () => {
      setWarmUpState('ready')
      console.log(` ✓ Index loaded in ${Math.round(performance.now() - started)}ms`)
    },
    (err) => {
      setWarmUpState('failed')
      log().warn({ err }, 'index not loaded yet: build it with `npm run ingest`')
    },
  )
}
