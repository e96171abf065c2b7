import { describe, expect, it } from 'vitest'
import { chineseNumber } from '../../lib/text/numerals'

describe('Chinese numerals', () => {
  it('read as the number they write, or NaN', () => {
    expect(chineseNumber('两千')).toBe(2000)
    expect(chineseNumber('十五')).toBe(15)
    expect(chineseNumber('三百万')).toBe(3_000_000)
    expect(chineseNumber('数')).toBeNaN()
    // (as ordinals are written: 第三, 第十二)
    expect(chineseNumber('三')).toBe(3)
    expect(chineseNumber('十二')).toBe(12)
  })
})
