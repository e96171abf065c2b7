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
