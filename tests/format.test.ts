import { describe, expect, it } from 'vitest'
import { highlightPattern, passageJson } from '../lib/format'
import type { Passage } from '../lib/types'

const marked = (text: string, terms: string[]) => {
  const pattern = highlightPattern(terms)
  return pattern ? text.split(pattern).filter((_, i) => i % 2) : []
}

describe('highlighting terms in a passage', () => {
  it('marks the longest term first, case-insensitively, and not a one-character term (项, 年)', () => {
    expect(marked('两校商定联合开设百余门课程，2019 年开课', ['课程', '门', '年', '开设百余门'])).toEqual(['开设百余门', '课程'])
    expect(marked('Technology transfer and TECHNOLOGY', ['technology'])).toEqual(['Technology', 'TECHNOLOGY'])
    expect(highlightPattern(['项', ' '])).toBeUndefined()
  })

  it('takes a term as text, not as a pattern', () => {
    expect(marked('a (b) c', ['(b)'])).toEqual(['(b)'])
  })
})

describe('a passage as search and ask print it', () => {
  it('keeps the entry an "Ibid." note repeats, which alone names no source', () => {
    const ibid = { rank: 3, chunkId: 'c', docId: 'd', title: 'T', section: '注释', text: '③ Ibid.', score: 0.5, kind: 'reference', start: 0, end: 8 } as Passage
    expect(passageJson({ ...ibid, repeats: 'Jane Doe, “Allies Asked to Curb Exports,” Reuters, 2024.' }).repeats).toContain('Jane Doe')
    expect(passageJson(ibid)).not.toHaveProperty('repeats')
  })
})
