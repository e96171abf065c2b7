import { describe, expect, it } from 'vitest'
import { highlightPattern } from '../lib/format'

const marked = (text: string, terms: string[]) => {
  const pattern = highlightPattern(terms)
  return pattern ? text.split(pattern).filter((_, i) => i % 2) : []
}

describe('highlighting terms in a passage', () => {
  it('marks the longest term first, case-insensitively, and not a one-character term (项, 年)', () => {
    expect(marked('双方商定共同举办逾千项活动，2020 年启动', ['活动', '项', '年', '举办逾千项'])).toEqual(['举办逾千项', '活动'])
    expect(marked('Technology transfer and TECHNOLOGY', ['technology'])).toEqual(['Technology', 'TECHNOLOGY'])
    expect(highlightPattern(['项', ' '])).toBeUndefined()
  })

  it('takes a term as text, not as a pattern', () => {
    expect(marked('a (b) c', ['(b)'])).toEqual(['(b)'])
  })
})
