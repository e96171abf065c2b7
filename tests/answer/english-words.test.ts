import { describe, expect, it } from 'vitest'
import { EnglishChineseDictionary, translateEnglish } from '../../lib/retrieve/translate'

describe('an English adjective the dictionary glosses only in other senses', () => {
  const dictionary = new EnglishChineseDictionary({ terms: {} })
  const corpusWords = new Set(['月球', '国际', '站'])
  const inCorpus = (w: string) => corpusWords.has(w)

  it('is read as its noun: lunar is the moon (月球探测 "lunar exploration")', () => {
    const lunar = translateEnglish('international lunar research station', dictionary, inCorpus).find((t) => t.english === 'lunar')!
    expect(lunar.chinese).toContain('月球')
    expect(lunar.loose).toBeUndefined()
  })

  it('is read as its noun for a compass point: Western is the West (西方), not the film genre (西部片)', () => {
    const western = translateEnglish('new western sanctions', dictionary, (w) => w === '西方').find((t) => t.english === 'western')!
    expect(western.chinese).toEqual(['西方'])
    expect(western.loose).toBeUndefined()
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

describe('a British spelling in an English question', () => {
  const dictionary = new EnglishChineseDictionary({ terms: {} })
  const inCorpus = (w: string) => ['上海合作组织', '防御', '国防'].includes(w)

  it('is looked up in the American spelling the dictionary glosses use (Organisation, defence)', () => {
    const t = translateEnglish('the Shanghai Cooperation Organisation and its defence plan', dictionary, inCorpus)
    expect(t.find((x) => x.chinese.includes('上海合作组织'))?.english).toBe('shanghai cooperation organization')
    expect(t.find((x) => x.english === 'defense')?.chinese).toEqual(expect.arrayContaining(['防御']))
  })

  it('leaves a word the dictionary knows as it is (enterprise, rise)', () => {
    const t = translateEnglish('enterprise rise', dictionary, () => true)
    expect(t.map((x) => x.english)).toEqual(['enterprise', 'rise'])
  })
})
