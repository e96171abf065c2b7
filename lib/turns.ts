import { AsyncLocalStorage } from 'node:async_hooks'

/** How a retriever runs each search: at once (command line) or when its turn comes (the server). */
export type Turns = <T>(job: () => Promise<T>) => Promise<T>

export const atOnce: Turns = (job) => job()

/**
 * CPU-bound request work (a search, a step of an offline answer) one job at a time, each in its own
 * turn of the event loop. Under load, the server would otherwise run every queued job between two
 * steps of a page render, so a page waited for dozens of them per step; taking turns, it waits for
 * one, and queued jobs finish in the order they came (no request waits much longer than the
 * others). A job started inside another job's turn (a search within an answer) runs at once.
 */
export function oneAtATime(): Turns {
  const inTurn = new AsyncLocalStorage<true>()
  const waiting: (() => void)[] = []
  let busy = false
  const next = () => {
    const start = waiting.shift()
    if (start) start()
    else busy = false
  }
  return <T>(job: () => Promise<T>) => {
    if (inTurn.getStore()) return job()
    return new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        inTurn
          .run(true, job)
          .then(resolve, reject)
          .finally(() => setImmediate(next))
      })
      if (!busy) {
        busy = true
        setImmediate(next)
      }
    })
  }
}
