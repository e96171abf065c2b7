import { describe, expect, it } from 'vitest'
import { namesForPinyin } from '../../lib/text/pinyin'

describe('a Chinese name written in pinyin', () => {
  const index = new Set(['阎学通', '张泽明', '学通', '中俄'])
  const known = (word: string) => index.has(word)

  it('is found as the index writes it, family name first or last', () => {
    expect(namesForPinyin('Yan Xuetong', known)).toEqual(['阎学通'])
    expect(namesForPinyin('Xuetong Yan', known)).toEqual(['阎学通'])
    expect(namesForPinyin('Zhang Zeming', known)).toEqual(['张泽明'])
  })

  it('finds nothing for English words or a name the index lacks', () => {
    expect(namesForPinyin('China Russia', known)).toEqual([])
    expect(namesForPinyin('Wang Li', known)).toEqual([])
  })
})
