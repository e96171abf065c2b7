import { describe, expect, it } from 'vitest'
import { createProgress } from '../lib/progress'

const sink = () => {
  const out: string[] = []
  return { out, stream: { isTTY: false, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream }
}

describe('progress', () => {
  it('prints a line with an estimate in a pipe, at most one per interval', () => {
    const { out, stream } = sink()
    const p = createProgress('embedding', 100, { stream, unit: 'chunks', every: 60 })
    p.update(10)
    p.update(20)
    p.update(30)
    p.finish()
    expect(out).toHaveLength(2)
    expect(out[0]).toMatch(/^embedding: 10\/100 chunks.*left.*\n$/)
    expect(out[1]).toMatch(/^embedding: done in \d+ s\n$/)
  })

  it('redraws a bar in place on a terminal', () => {
    const { out, stream } = sink()
    const p = createProgress('building', 4, { stream, percent: true, bar: true })
    p.update(1, 'SVD')
    p.update(2, 'SVD')
    expect(out).toHaveLength(2)
    expect(out[1].startsWith(`\r\u001b[2K[${'#'.repeat(12)}${'-'.repeat(12)}] building: 50% (SVD)`)).toBe(true)
  })
})
