import { describe, expect, it } from 'vitest'
import { isTraditional, toSimplified } from '../../lib/text/lang'

describe('toSimplified', () => {
  it('converts Traditional characters and phrases, whatever surrounds them', () => {
    expect(toSimplified('中國與俄羅斯的科技合作')).toBe('中国与俄罗斯的科技合作')
    expect(toSimplified('technology 轉移 (2024)')).toBe('technology 转移 (2024)')
    expect(toSimplified('頭髮乾燥')).toBe('头发干燥')
    expect(isTraditional('國際關係')).toBe(true)
  })

  it('returns Simplified, English and mixed text as it is', () => {
    for (const text of ['中国与俄罗斯的科技合作', 'Technology transfer, 2024.', 'AI 治理：人工智能', '']) {
      expect(toSimplified(text)).toBe(text)
      expect(isTraditional(text)).toBe(false)
    }
  })
})
