import { describe, expect, it } from 'vitest'
import { pickGloss } from '../../lib/answer/gloss'
import { glossWords, wordSenses } from '../../lib/answer/reading'
import { sensesOf } from '../../lib/text/dictionary'

const glossOf = (text: string, word: string) => glossWords(text).find((w) => w.word === word)?.gloss

describe('the word-by-word gloss', () => {
  it('keeps a common sense that only notes its Taiwan pronunciation (和 "and", not "sum")', () => {
    expect(pickGloss(['(joining two nouns) and; together with (Taiwan pr. [han4])', '(math.) sum'])).toBe('and')
    // a sense used in Taiwan alone is still a last resort
    expect(pickGloss(['(Taiwan) scooter', 'motorbike'])).toBe('motorbike')
    expect(glossOf('中国和俄罗斯', '和')).toMatch(/^and\b/)
  })

  it('glosses a character standing for a country as the country (中俄, 对俄制裁), not by its other senses', () => {
    expect(glossOf('中俄科技合作', '俄')).toMatch(/^Russia\b/)
    expect(glossOf('中俄科技合作', '中')).toMatch(/^China\b/)
    expect(glossOf('美欧对俄制裁', '俄')).toMatch(/^Russia\b/)
    // (中 on its own is "within")
    expect(glossOf('在合作中的问题', '中')).toMatch(/^within\b/)
  })

  it('glosses a lone 俄 as Russia, the sense CC-CEDICT gives first (not "suddenly"), and a lone 中 as "within"', () => {
    expect(pickGloss(sensesOf('俄'))).toBe('Russia')
    expect(pickGloss(sensesOf('中'))).toMatch(/^within\b/)
  })

  it("adds only senses of the picked one's entry, not another reading's (的 is not also 'a taxi')", () => {
    const de = glossOf('中俄的科技合作', '的')
    expect(de).toMatch(/^of\b/)
    expect(de).not.toMatch(/taxi|cab|truly/)
  })
})

describe('the sense the word is used in', () => {
  it("prefers a sense of the word's class in its sentence: a noun's or an adjective's, not a verb's", () => {
    // (CC-CEDICT lists chóngdiǎn "to recount" before zhòngdiǎn "important point")
    expect(glossOf('重点领域的合作', '重点')).toMatch(/^important point\b/)
    expect(glossOf('资源丰富', '丰富')).toMatch(/^rich\b/)
  })

  it('reads a compound it lacks by the words it has, not character by character (价值链: jiàzhíliàn, not jiè…)', () => {
    const pinyin = (text: string, word: string) => glossWords(text).find((w) => w.word === word)?.pinyin
    expect(pinyin('全球价值链的重塑', '价值链')).toBe('jiàzhíliàn')
    expect(pinyin('中俄联络点', '联络点')).toBe('liánluòdiǎn')
    // (and a character in the reading the word gives it: 更多 gèngduō, 重点 zhòngdiǎn, not gēng, chóng)
    expect(pinyin('更多合作', '更多') ?? `${pinyin('更多合作', '更')}${pinyin('更多合作', '多')}`).toBe('gèngduō')
    expect(pinyin('重点领域', '重点')).toBe('zhòngdiǎn')
  })

  it('glosses a compound it lacks by its parts left to right, not by overlapping ones (两国政府: 两国 + 政府)', () => {
    const gloss = glossOf('两国政府在华投资', '两国政府') ?? ''
    expect(gloss).toMatch(/^两国 [^+]+ \+ 政府 /)
    expect(gloss).not.toContain('国政')
  })
})

describe("a heading's gist for an English reader", () => {
  it("gives each word's first sense once, a word the dictionary lacks by its parts, and no lone characters", () => {
    expect(wordSenses('二、天然气管道', 'When did the pipeline open?')).toEqual(['natural gas', 'pipeline'])
    // (in English only: a word glossed by its parts shows their senses, not "技术 technology + 转移 to shift")
    const gist = wordSenses('3.5　技术转移环境亟待改善')
    expect(gist[0]).toMatch(/^technology/)
    expect(gist).toContain('environment')
    expect(gist.join(' ')).not.toMatch(/\p{Script=Han}|\+/u)
    expect(wordSenses('能源合作与能源安全', '', 2)).toEqual(['energy sources', 'to cooperate'])
  })
})
