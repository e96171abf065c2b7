import { describe, expect, it } from 'vitest'
import { datesIn, inEnglish } from '../../lib/answer/stated'

const noSenses = () => []

describe('the answer a quote gives, for an English reader', () => {
  it('writes a Chinese date in English, a whole date at once', () => {
    expect(datesIn('新版构想于 2019 年 2 月出台（上一版颁布于 2000 年 1 月）')).toEqual(['2019 年 2 月', '2000 年 1 月'])
    expect(inEnglish('2019 年 2 月', 'date', noSenses)).toBe('February 2019 (2019 年 2 月)')
    expect(inEnglish('2023年3月22日', 'date', noSenses)).toBe('22 March 2023 (2023年3月22日)')
    expect(inEnglish('2020—2021 年', 'date', noSenses)).toBe('2020–2021 (2020—2021 年)')
    expect(datesIn('Reuters, June 21, 2024.')).toEqual(['June 21, 2024'])
    // (a year in a title dates nothing: 《关于 2030 年前……的联合声明》)
    expect(datesIn('根据两国签署的《关于 2030 年前经济合作的联合声明》,技术领域被列为重点领域。')).toEqual([])
    // (a span of years is one date, with or without 年)
    expect(datesIn('积极落实 2019—2024 中俄创新合作工作计划')).toEqual(['2019—2024'])
    expect(inEnglish('June 21, 2024', 'date', noSenses)).toBe('June 21, 2024')
  })

  it('writes a figure in digits with its hedge and unit (逾千项: over 1,000)', () => {
    expect(inEnglish('逾千项', 'number', noSenses)).toBe('over 1,000 (逾千项)')
    expect(inEnglish('八个', 'number', noSenses)).toBe('8 (八个)')
    expect(inEnglish('75周年', 'number', noSenses)).toBe('75 (75周年)')
    expect(inEnglish('60%', 'number', noSenses)).toBe('60%')
    expect(inEnglish('10~15 年', 'number', noSenses)).toBe('10–15 (10~15 年)')
    expect(inEnglish('3000 亿美元', 'money', noSenses)).toBe('300 billion US dollars (3000 亿美元)')
    expect(inEnglish('1.5万名', 'number', noSenses)).toBe('15,000 (1.5万名)')
  })

  it("writes a person's name in pinyin and a place by its English name", () => {
    expect(inEnglish('阎学通', 'person', noSenses)).toBe('Yan Xuetong (阎学通)')
    expect(inEnglish('华盛顿', 'place', () => ['Washington (US state)', 'Washington, D.C.'])).toBe('Washington (华盛顿)')
    expect(inEnglish('乌拉尔联邦大学', 'institution', noSenses)).toBe('乌拉尔联邦大学')
  })
})
