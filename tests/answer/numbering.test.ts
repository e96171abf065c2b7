import { describe, expect, it } from 'vitest'
import { inCitationOrder, type Numbered } from '../../lib/answer/answer'
import type { Passage } from '../../lib/types'
import { citedPassage } from './passage-fixture'

const numbered = (texts: string[]): Numbered[] =>
  texts.map((text, i) => ({ passage: citedPassage(i + 1, text), listed: { ...citedPassage(i + 1, text), rank: i + 1, score: 1 } as unknown as Passage }))

describe('numbering an offline answer in the order it cites', () => {
  const passages = numbered(['甲。', '乙。', '丙。', '丁。', '戊（备用）。'])

  it('puts the cited passages first, then the other shown ones, and lists a reserve one only when cited', () => {
    const ordered = inCitationOrder(
      {
        text: '- 丙。[3]\n- 甲。[1]',
        cited: [3, 1],
        quotes: [
          { n: 3, quote: '丙。' },
          { n: 1, quote: '甲。' },
        ],
      },
      passages,
      4,
    )
    expect(ordered.text).toBe('- 丙。[1]\n- 甲。[2]')
    expect(ordered.cited).toEqual([1, 2])
    expect(ordered.passages.map((p) => p.plain)).toEqual(['丙。', '甲。', '乙。', '丁。'])
    expect(ordered.passages.map((p) => p.n)).toEqual([1, 2, 3, 4])
    expect(ordered.list).toHaveLength(4)
    expect(ordered.quotes.get(1)).toBe('丙。')
  })

  it("leaves a bracketed number inside quoted text alone: only the line's own citation is renumbered", () => {
    const ordered = inCitationOrder(
      { text: '- “as shown in [2], the cost fell” [3]', cited: [3], quotes: [{ n: 3, quote: 'as shown in [2], the cost fell' }] },
      passages,
      4,
    )
    expect(ordered.text).toBe('- “as shown in [2], the cost fell” [1]')
  })

  it('keeps the first sentence quoted from a passage (the one the viewer marks), and drops a note link to a passage not listed', () => {
    const withNote = passages.map((s, i) => (i === 1 ? { ...s, passage: { ...s.passage, citedBy: 5 } } : s))
    const ordered = inCitationOrder(
      {
        text: '- 乙。[2]\n- 乙二。[2]',
        cited: [2],
        quotes: [
          { n: 2, quote: '乙。' },
          { n: 2, quote: '乙二。' },
        ],
      },
      withNote,
      4,
    )
    expect(ordered.quotes.get(1)).toBe('乙。')
    expect(ordered.passages[0].citedBy).toBeUndefined()
  })
})
