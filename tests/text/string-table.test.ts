import { describe, expect, it } from 'vitest'
import { buildIdLists, idsOf, StringTable } from '../../lib/text/string-table'

describe('StringTable', () => {
  const words = ['科技', 'technology', '', 'constructor', '__proto__', 'toString', '𠮷野家', '合作']
  const table = StringTable.build(words)

  it('finds every string by its id and back, including object property names and astral characters', () => {
    words.forEach((w, i) => {
      expect(table.indexOf(w)).toBe(i)
      expect(table.at(i)).toBe(w)
    })
    expect(table.size).toBe(words.length)
  })

  it('says -1 for strings it does not hold', () => {
    for (const w of ['科', '科技合作', 'Technology', 'hasOwnProperty', 'valueOf']) expect(table.indexOf(w)).toBe(-1)
  })

  it('survives a round trip through its typed arrays', () => {
    const copy = StringTable.fromSections(table.sections('t'), 't')
    expect(words.map((w) => copy.indexOf(w))).toEqual(words.map((_, i) => i))
  })

  it('keeps lists of ids per key', () => {
    const lists = buildIdLists([[3, 1], [], [2]])
    expect(Array.from(idsOf(lists, 0))).toEqual([3, 1])
    expect(Array.from(idsOf(lists, 1))).toEqual([])
    expect(Array.from(idsOf(lists, -1))).toEqual([])
  })
})
