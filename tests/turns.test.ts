import { describe, expect, it } from 'vitest'
import { oneAtATime } from '../lib/turns'

describe('oneAtATime', () => {
  it('runs jobs one at a time, in the order they came, and passes results and errors through', async () => {
    const turns = oneAtATime()
    const log: string[] = []
    let running = 0
    const job =
      (name: string, fail = false) =>
      async () => {
        running++
        expect(running).toBe(1)
        log.push(`start ${name}`)
        await new Promise((r) => setTimeout(r, 5))
        log.push(`end ${name}`)
        running--
        if (fail) throw new Error(name)
        return name
      }
    const results = await Promise.allSettled([turns(job('a')), turns(job('b', true)), turns(job('c'))])
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })

  it('lets other work of the event loop run between two queued jobs', async () => {
    const turns = oneAtATime()
    const log: string[] = []
    const first = turns(async () => {
      log.push('job 1')
      // other work (a page render's next step) becomes ready while job 1 runs
      setImmediate(() => log.push('other work'))
    })
    const second = turns(async () => {
      log.push('job 2')
    })
    await Promise.all([first, second])
    expect(log).toEqual(['job 1', 'other work', 'job 2'])
  })

  it('runs a job started inside another job at once (a search within an answer) instead of waiting for itself', async () => {
    const turns = oneAtATime()
    const inner = await Promise.race([turns(async () => turns(async () => 'inner done')), new Promise((r) => setTimeout(() => r('deadlock'), 1000))])
    expect(inner).toBe('inner done')
  })
})
