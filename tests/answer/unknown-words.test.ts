import { describe, expect, it } from 'vitest'
import { analyzeQuery, nameSynonyms, questionFocus } from '../../lib/retrieve/analyze'
import { EnglishChineseDictionary } from '../../lib/retrieve/translate'

describe('a Chinese word the segmenter does not know', () => {
  const dictionary = new EnglishChineseDictionary({ terms: {} })
  const focusOf = (q: string) =>
    questionFocus(
      analyzeQuery(q, dictionary, () => true),
      () => [],
    )

  it('is taken for a name when it could be one (a transliteration)', () => {
    const names = focusOf('莫迪访问了哪里？').terms.filter((t) => t.kind === 'name')
    expect(names.map((t) => t.text)).toContain('莫迪')
  })

  it('is no name when a particle is glued to it (令是 in 行政令是哪一年)', () => {
    const terms = focusOf('俄罗斯科教部的行政令是哪一年曝光的？').terms.map((t) => t.text)
    expect(terms).not.toContain('令是')
  })

  it('is no name when it is a modal verb, the locative 上 or 最 glued to a neighbour, or a demonstrative with its measure word', () => {
    const names = (q: string) =>
      focusOf(q)
        .terms.filter((t) => t.kind === 'name')
        .map((t) => t.text)
    expect(names('什么原因让中俄在产业上能合作的地方变少了？')).not.toContain('上能')
    expect(names('在技术转移上，俄罗斯那边最缺的是什么？')).not.toContain('最缺')
    expect(names('那篇分析中俄科技创新合作风险的文章，作者是哪个单位的？')).not.toContain('那篇')
  })

  it('is read without a verb of saying glued to its end (耶伦说: 耶伦)', () => {
    const inCorpus = (t: string) => t !== '耶伦说'
    const q = '耶伦说美国对华新关税是什么？'
    const yellen = questionFocus(analyzeQuery(q, dictionary, inCorpus), () => [], inCorpus).terms.find((t) => t.kind === 'name' && t.text.startsWith('耶伦'))
    expect(yellen?.text).toBe('耶伦')
  })

  it('is a common word, not a name, when CC-CEDICT knows it as one (探月 "lunar exploration")', () => {
    const moon = focusOf('2025年中俄在探月方面打算合作搞什么？').terms.find((t) => t.text === '探月')
    expect(moon?.kind).toBe('term')
  })
})

describe('a Chinese name the corpus never uses', () => {
  it('is supported by the name the corpus uses for the same thing (俄国 "Russia" is 俄罗斯 "Russia")', () => {
    expect(
      nameSynonyms(
        '俄国',
        () => ['俄罗斯', '俄国'],
        (w) => w === '俄罗斯',
      ),
    ).toEqual(['俄罗斯'])
  })

  it('has no synonym when the corpus has no name of the same sense, or when it is a common word', () => {
    expect(
      nameSynonyms(
        '非洲',
        () => ['非洲', '南非'],
        (w) => w === '南非',
      ),
    ).toEqual([])
    expect(
      nameSynonyms(
        '国度',
        () => ['国家'],
        () => true,
      ),
    ).toEqual([])
  })
})
