import { describe, expect, it } from 'vitest'
import { answerTypeOf, containsTerm, questionFocus } from '../../lib/retrieve/analyze'

describe('focus terms and answer types', () => {
  it("reads an English stem's final i as the word's y (uncertainti: uncertainty, economi: economy)", () => {
    expect(containsTerm('growing uncertainty in cooperation', 'uncertainti')).toBe(true)
    expect(containsTerm('the digital economy', 'economi')).toBe(true)
    expect(containsTerm('economies of scale', 'economi')).toBe(true)
    expect(containsTerm('ecology', 'economi')).toBe(false)
  })

  it('takes "how long" and 多久 as asking for a span of time, which a range of years gives', () => {
    for (const q of ['How long will the plan take?', 'How many years does the strategy cover?', '这项计划需要多久？', '需要多长时间完成？']) {
      const type = answerTypeOf(q)
      expect(type.wants, q).toBe('number')
      expect(new RegExp(`\\d\\s*${type.unit}`).test('未来 10~15 年间'), q).toBe(true)
    }
  })

  it('does not take 多长时间 for a content word the documents must contain', () => {
    const analysis = { question: '俄罗斯计划在多长时间内实现转变？', normalized: '俄罗斯计划在多长时间内实现转变？', lang: 'zh', translations: [] }
    const terms = questionFocus(analysis as never, () => []).terms.map((t) => t.text)
    expect(terms).toContain('俄罗斯')
    expect(terms.some((t) => t.startsWith('多长'))).toBe(false)
  })
})
