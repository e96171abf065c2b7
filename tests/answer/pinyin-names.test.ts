import { describe, expect, it } from 'vitest'
import { namesSpelled, withPinyinNames } from '../../lib/answer/pinyin-names'
import { supportsTerm } from '../../lib/retrieve/analyze'

const note = '② 杨丹旭:《印太地区的新合作格局》,载《联合早报》,2024 年 6 月 1 日。'

describe('a Chinese name written in pinyin', () => {
  it('is found in characters, family name first or last', () => {
    expect(namesSpelled('Yang Danxu', [note])).toEqual(['杨丹旭'])
    expect(namesSpelled('Danxu Yang', [note])).toEqual(['杨丹旭'])
    expect(namesSpelled('Wang Wei', [note])).toEqual([])
  })

  it("supports the question's name terms where the passages write it in characters", () => {
    const focus = {
      terms: [
        { text: 'Yang', forms: ['yang'], kind: 'name' as const, weight: 2 },
        { text: 'Danxu', forms: ['danxu'], kind: 'name' as const, weight: 2 },
        { text: 'Indo Pacific', forms: ['印太'], kind: 'term' as const, weight: 2 },
      ],
      wants: 'other' as const,
      anaphora: false,
    }
    const spelled = withPinyinNames(focus, 'What did Yang Danxu write about Indo-Pacific countries?', [note])
    for (const t of spelled.terms) expect(supportsTerm(note.toLowerCase(), t), t.text).toBe(true)
    expect(withPinyinNames(focus, 'What did Yang Danxu write?', ['印太国家'])).toBe(focus)
  })
})
