import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../lib/index/bench'
import { LexicalIndex } from '../../lib/index/lexical'

const VOCABULARY = ['合作', '科技', '创新', '俄罗斯', '中国', '技术', '转移', '能源', '安全', 'chip', 'export', 'policy']

function randomDocs(n: number, seed: number): string[][] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => Array.from({ length: 3 + Math.floor(random() * 30) }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]))
}

/** BM25 with synonym groups computed the plain way: every document scored, all sorted. */
function bruteForce(docs: Map<number, string[]>, groups: { terms: string[]; weight: number }[], k1 = 1.2, b = 0.75) {
  const avg = [...docs.values()].reduce((s, d) => s + d.length, 0) / docs.size
  const scores = new Map<number, number>()
  for (const g of groups) {
    const tf = new Map<number, number>()
    for (const [label, terms] of docs) {
      const f = terms.filter((t) => g.terms.includes(t)).length
      if (f) tf.set(label, f)
    }
    const idf = Math.log(1 + (docs.size - tf.size + 0.5) / (tf.size + 0.5))
    for (const [label, f] of tf) {
      const len = docs.get(label)!.length
      scores.set(label, (scores.get(label) ?? 0) + g.weight * idf * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * len) / avg))))
    }
  }
  return [...scores].sort((x, y) => y[1] - x[1] || x[0] - y[0])
}

describe('lexical index', () => {
  it('returns the same top k as scoring and sorting every match, synonym groups included', () => {
    const docs = randomDocs(400, 1)
    const index = LexicalIndex.build(docs)
    const all = new Map(docs.map((d, i) => [i, d]))
    const queries = [
      [{ terms: ['合作'], weight: 1 }],
      [
        { terms: ['技术', 'chip'], weight: 1 },
        { terms: ['转移'], weight: 0.5 },
      ],
      [{ terms: ['policy', 'export', '安全'], weight: 2 }],
    ]
    for (const groups of queries) {
      for (const k of [1, 5, 30]) {
        const expected = bruteForce(all, groups).slice(0, k)
        const got = index.search(groups, k)
        expect(got.map((h) => h.doc)).toEqual(expected.map(([label]) => label))
        got.forEach((h, i) => {
          expect(h.score).toBeCloseTo(expected[i][1], 4)
        })
      }
    }
  })

  it('takes words that are Object property names like any other', () => {
    const index = LexicalIndex.build([['constructor', '__proto__', 'toString'], ['hasOwnProperty', 'constructor'], ['valueOf']])
    expect(index.documentFrequency('constructor')).toBe(2)
    expect(index.has('__proto__')).toBe(true)
    expect(index.search([{ terms: ['toString'], weight: 1 }], 5).map((h) => h.doc)).toEqual([0])
    expect(index.search([{ terms: ['prototype'], weight: 1 }], 5)).toEqual([])
    const copy = LexicalIndex.deserialize(index.serialize())
    expect(copy.search([{ terms: ['__proto__', 'valueOf'], weight: 1 }], 5).map((h) => h.doc)).toEqual([2, 0])
  })

  it('after adding and removing chunks scores exactly as a fresh build of what is left', () => {
    const docs = randomDocs(300, 2)
    const index = new LexicalIndex()
    docs.forEach((d, label) => {
      index.add(label, d)
    })
    // remove a third, then round-trip through the file format and add more
    const kept = new Map(docs.map((d, i) => [i, d]))
    for (let label = 0; label < docs.length; label += 3) {
      index.remove(label)
      kept.delete(label)
    }
    const reread = LexicalIndex.deserialize(index.serialize())
    const more = randomDocs(50, 3)
    more.forEach((d, i) => {
      reread.add(1000 + i, d)
      kept.set(1000 + i, d)
    })
    const fresh = new LexicalIndex()
    for (const [label, d] of kept) fresh.add(label, d)
    const groups = [
      { terms: ['科技', 'export'], weight: 1 },
      { terms: ['能源'], weight: 0.7 },
    ]
    expect(reread.size).toBe(fresh.size)
    expect(reread.search(groups, 20)).toEqual(fresh.search(groups, 20))
  })

  it('keeps the terms it did not change as they were read, through several saves, from memory at any alignment', () => {
    const docs = randomDocs(200, 6)
    const fresh = LexicalIndex.build(docs)
    // the first save is read back from a buffer at an odd offset (the reader copies what it cannot view)
    const bytes = fresh.serialize()
    const misaligned = Buffer.alloc(bytes.length + 1)
    bytes.copy(misaligned, 1)
    const first = LexicalIndex.deserialize(misaligned.subarray(1))
    first.remove(5)
    first.add(500, ['新词', '合作'])
    const second = LexicalIndex.deserialize(first.serialize())
    const expected = new LexicalIndex()
    docs.forEach((d, label) => {
      if (label !== 5) expected.add(label, d)
    })
    expected.add(500, ['新词', '合作'])
    for (const groups of [[{ terms: ['合作'], weight: 1 }], [{ terms: ['新词', 'chip'], weight: 1 }], [{ terms: ['policy', '转移'], weight: 0.5 }]])
      expect(second.search(groups, 30)).toEqual(expected.search(groups, 30))
    expect(second.documentFrequency('合作')).toBe(expected.documentFrequency('合作'))
    expect(second.serialize().equals(LexicalIndex.deserialize(second.serialize()).serialize())).toBe(true)
  })

  it('forgets a term whose only chunk was removed, in memory and in the saved file', () => {
    const index = LexicalIndex.build([
      ['合作', '罕见词'],
      ['合作', '科技'],
    ])
    index.remove(0)
    expect(index.has('罕见词')).toBe(false)
    expect(index.documentFrequency('合作')).toBe(1)
    expect(index.search([{ terms: ['罕见词', '合作'], weight: 1 }], 5).map((h) => h.doc)).toEqual([1])
    const reread = LexicalIndex.deserialize(index.serialize())
    expect(reread.has('罕见词')).toBe(false)
    expect(reread.serialize().includes(Buffer.from('罕见词', 'utf16le'))).toBe(false)
    expect(() => reread.add(1, ['新词'])).toThrow(/out of order/)
  })

  it('filters inside the scoring, so a filtered search still fills its k', () => {
    const docs = randomDocs(500, 4)
    const index = LexicalIndex.build(docs)
    const inside = new Set([...Array(500).keys()].filter((i) => i % 50 === 7))
    const hits = index.search([{ terms: ['合作', '科技', '中国', 'policy'], weight: 1 }], 8, (label) => inside.has(label))
    expect(hits).toHaveLength(8)
    expect(hits.every((h) => inside.has(h.doc))).toBe(true)
  })

  it('rejects a damaged file instead of reading wrong postings', () => {
    const buf = LexicalIndex.build(randomDocs(50, 5)).serialize()
    expect(() => LexicalIndex.deserialize(buf.subarray(0, buf.length - 10))).toThrow(/truncated|size/)
    const garbled = Buffer.from(buf)
    garbled.fill(7, 0, 40)
    expect(() => LexicalIndex.deserialize(garbled)).toThrow(/not a lexical index/)
  })
})
