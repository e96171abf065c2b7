import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../lib/index/bench'
import type { ChunkInfo } from '../../lib/index/store'
import { bestCandidates, dedupeOverlapping } from '../../lib/retrieve/retriever'

/** Every candidate's location read, all sorted, then deduplicated: what bestCandidates must equal. */
function readingEverything(fused: { index: number; score: number }[], k: number, infoAt: (label: number) => ChunkInfo | undefined) {
  const all = fused.flatMap((f) => {
    const chunk = infoAt(f.index)
    return chunk ? [{ ...f, chunk }] : []
  })
  all.sort((a, b) => b.score - a.score || (a.chunk.id < b.chunk.id ? -1 : a.chunk.id > b.chunk.id ? 1 : 0))
  return dedupeOverlapping(all).slice(0, k)
}

describe('bestCandidates', () => {
  it('gives the top k of reading every candidate, with ties, overlaps and chunks gone, reading fewer locations', () => {
    const random = seededRandom(11)
    let readLazily = 0
    let readAll = 0
    for (let trial = 0; trial < 200; trial++) {
      const n = 5 + Math.floor(random() * 60)
      // few distinct scores (ties), chunks of three documents that overlap, some labels gone
      const fused = Array.from({ length: n }, (_, index) => ({ index, score: Math.floor(random() * 8) / 8 }))
      const infos = new Map<number, ChunkInfo | undefined>()
      for (const { index } of fused) {
        const start = Math.floor(random() * 2000)
        infos.set(
          index,
          random() < 0.1 ? undefined : { id: `c${Math.floor(random() * 1e6)}`, docId: `d${index % 3}`, kind: 'passage', start, end: start + 300 },
        )
      }
      const k = 1 + Math.floor(random() * 8)
      const counting = (counter: () => void) => (label: number) => {
        counter()
        return infos.get(label)
      }
      const lazy = bestCandidates(
        fused,
        k,
        counting(() => readLazily++),
      )
      const full = readingEverything(
        fused,
        k,
        counting(() => readAll++),
      )
      expect(lazy.map((c) => c.index)).toEqual(full.map((c) => c.index))
    }
    expect(readLazily).toBeLessThan(readAll * 0.8)
  })
})
