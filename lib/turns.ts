/** How a retriever runs each search: at once (command line) or when its turn comes (the server). */
export type Turns = <T>(job: () => Promise<T>) => Promise<T>

export const atOnce: Turns = (job) => job()

/**
 * Searches one at a time, each in its own turn of the event loop. Under load, the server would
 * otherwise run every queued search between two steps of a page render, so a page waited for
 * dozens of searches per step; taking turns, it waits for one, and queued searches finish in the
 * order they came (no search waits much longer than the others).
 */
export function oneAtATime(): Turns {
  const waiting: (() => void)[] = []
  let busy = false
  const next = () => {
    const start = waiting.shift()
    if (start) start()
    else busy = false
  }
  return <T>(job: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        job()
          .then(resolve, reject)
          .finally(() => setImmediate(next))
      })
      if (!busy) {
        busy = true
        setImmediate(next)
      }
    })
}
