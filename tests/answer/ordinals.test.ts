import { describe, expect, it } from 'vitest'
import { containsTerm, supportsTerm, withArabicOrdinals } from '../../lib/retrieve/analyze'

describe('an ordinal in the question', () => {
  it('is found however the text writes it: 第一 is also 第1 and 第 1', () => {
    const forms = withArabicOrdinals(['首先', '第一', 'first'])
    const first = { text: 'first', forms, kind: 'term' as const, weight: 1 }
    expect(supportsTerm('第 1 组：出台了单独的国际科技合作战略文件的国家。', first)).toBe(true)
    expect(supportsTerm('第1阶段已经完成。', first)).toBe(true)
    expect(supportsTerm('第 2 组：出台了区域性科技合作文件的国家。', first)).toBe(false)
  })

  it('adds nothing to words that are no ordinals', () => {
    expect(withArabicOrdinals(['属于', '归属'])).toEqual(['属于', '归属'])
    expect(withArabicOrdinals(['第三', '第三方'])).toEqual(['第三', '第三方', '第3', '第 3'])
  })
})

describe('a term ending in a digit', () => {
  it('is not part of a longer number: 第 1 is not 第 14', () => {
    expect(containsTerm('第 14—15 页', '第 1')).toBe(false)
    expect(containsTerm('第 14—15 页，第 1 组', '第 1')).toBe(true)
    expect(containsTerm('2024 年', '2024')).toBe(true)
  })
})
