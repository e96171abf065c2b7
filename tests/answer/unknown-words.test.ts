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
