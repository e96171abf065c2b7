import { describe, expect, it } from 'vitest'
import { EnglishChineseDictionary, translateEnglish } from '../../lib/retrieve/translate'

describe('an English adjective the dictionary glosses only in other senses', () => {
  const dictionary = new EnglishChineseDictionary({ terms: {} })
  const corpusWords = new Set(['月球', '国际', '站'])
  const inCorpus = (w: string) => corpusWords.has(w)

  it('is read as its noun: lunar is the moon (国际月球科研站 "International Lunar Research Station")', () => {
    const lunar = translateEnglish('international lunar research station', dictionary, inCorpus).find((t) => t.english === 'lunar')!
    expect(lunar.chinese).toContain('月球')
    expect(lunar.loose).toBeUndefined()
  })

  it('stays unknown when the corpus has no rendering of the noun', () => {
    const solar = translateEnglish('solar power', dictionary, () => false).find((t) => t.english === 'solar')!
    expect(solar.chinese).toEqual([])
  })
})

describe('an irregular past form in an English question', () => {
  const dictionary = new EnglishChineseDictionary({ terms: {} })
  const inCorpus = (w: string) => ['举办', '举行', '论坛', '卡壳'].includes(w)

  it('is looked up as its verb: held is to hold (举行, 举办), not 卡壳 "held up"', () => {
    const held = translateEnglish('when will the forum be held', dictionary, inCorpus).find((t) => t.english === 'hold')!
    expect(held.chinese).toEqual(expect.arrayContaining(['举行', '举办']))
    expect(held.chinese).not.toContain('卡壳')
  })
})
