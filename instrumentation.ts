// Load the index, the embedder and the dictionaries when the server starts, so the first question is answered fast.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { setWarmUpState } = await import('./lib/warm-up')
  setWarmUpState('loading')
  const started = performance.now()
  const { warmUp } = await import('./lib/server')
  warmUp().then(
    () => {
      setWarmUpState('ready')
      console.log(` ✓ Index loaded in ${Math.round(performance.now() - started)}ms`)
    },
    (err) => {
      setWarmUpState('failed')
      console.warn(`index not loaded yet: ${err instanceof Error ? err.message : err}`)
    },
  )
}
