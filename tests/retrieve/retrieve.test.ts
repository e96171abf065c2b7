import { describe, expect, it } from 'vitest'
import { BUILTIN_EMBEDDER_ID } from '../../lib/embed/bilingual'
import { NOTHING_RELEVANT_THRESHOLD, Retriever, reciprocalRankFusion, withDecisiveLexicalLeader, withQuestionAcronyms } from '../../lib/retrieve/retriever'
import { EnglishChineseDictionary, translateEnglish } from '../../lib/retrieve/translate'
import { CACHE_DIR, ingestBuiltin } from '../helpers'

describe('English → Chinese term translation', () => {
  const dictionary = new EnglishChineseDictionary({ terms: { 'Global South': ['全球南方'] } })
  const corpusWords = new Set(['技术转移', '技术', '转移', '科学技术', '俄罗斯', '俄', '北约', '合作', '协作', '全球南方', '政策'])
  const inCorpus = (w: string) => corpusWords.has(w)

  it('takes the longest phrase first', () => {
    const t = translateEnglish('science and technology policy of Russia', dictionary, inCorpus)
    expect(t[0]).toEqual({ english: 'science technology', chinese: ['科学技术'] })
    expect(t.map((x) => x.english)).toEqual(['science technology', 'policy', 'russia'])
  })

  it('maps names and the glossary, keeping only candidates that occur in the corpus', () => {
    const t = translateEnglish('NATO, Russia and the Global South', dictionary, inCorpus)
    expect(t.find((x) => x.english === 'nato')!.chinese).toEqual(['北约'])
    expect(t.find((x) => x.english === 'russia')!.chinese).toEqual(expect.arrayContaining(['俄罗斯', '俄']))
    expect(t.find((x) => x.english === 'global south')!.chinese).toEqual(['全球南方'])
  })

  it('reads a derived noun as its base word when the corpus has none of the noun\'s own renderings (guidance: 指导 "to guide")', () => {
    const withGuide = (w: string) => w === '指导' || inCorpus(w)
    expect(translateEnglish('guidance', dictionary, withGuide)[0].chinese).toContain('指导')
    expect(translateEnglish('guidance', dictionary, inCorpus)[0].chinese).not.toContain('指导')
    // (a -ship noun as its base noun: partnership, 伙伴 in 伙伴关系)
    const withPartner = (w: string) => w === '伙伴' || inCorpus(w)
    expect(translateEnglish('partnership', dictionary, withPartner)[0].chinese).toContain('伙伴')
  })

  it('renders an adverb as its adjective first, in that sense only (directly: 直接 "direct", not 指导 "to direct")', () => {
    const words = new Set(['直接', '指导', '方向', '径直', '积极'])
    const has = (w: string) => words.has(w)
    const directly = translateEnglish('directly', dictionary, has)[0].chinese
    expect(directly[0]).toBe('直接')
    expect(directly).not.toContain('指导')
    expect(directly).not.toContain('方向')
    expect(translateEnglish('actively', dictionary, has)[0].chinese[0]).toBe('积极')
  })

  it('keeps all translations of an ambiguous word together in one group', () => {
    const t = translateEnglish('cooperation', dictionary, inCorpus)
    expect(t).toHaveLength(1)
    expect(t[0].chinese).toEqual(expect.arrayContaining(['合作', '协作']))
  })

  it('leaves words without a translation in the corpus untranslated', () => {
    expect(translateEnglish('banana policy', dictionary, inCorpus)).toEqual([
      { english: 'banana', chinese: [] },
      { english: 'policy', chinese: ['政策'] },
    ])
  })
})

describe('fusion and the "nothing relevant" threshold', () => {
  it('reciprocal rank fusion rewards agreement and honours weights', () => {
    const fused = reciprocalRankFusion([
      { ranking: [1, 2, 3], weight: 1 },
      { ranking: [4, 2, 5], weight: 1 },
    ])
    expect(fused[0].index).toBe(2)
    const lexicalOnly = reciprocalRankFusion([
      { ranking: [1, 2], weight: 1 },
      { ranking: [2, 1], weight: 0 },
    ])
    expect(lexicalOnly[0].index).toBe(1)
  })

  it('puts first a passage BM25 ranks first by far, which rank fusion alone would bury', () => {
    const fused = reciprocalRankFusion([
      { ranking: [7, 1, 2, 3], weight: 1 },
      { ranking: [1, 2, 3, 4, 5, 6], weight: 1 },
    ])
    expect(fused[0].index).not.toBe(7)
    const decisive = withDecisiveLexicalLeader(fused, [
      { index: 7, score: 9 },
      { index: 1, score: 4 },
    ])
    expect(decisive[0].index).toBe(7)
    expect(decisive.map((f) => f.index).sort()).toEqual(fused.map((f) => f.index).sort())
    // a leader only somewhat ahead is left where fusion puts it
    const close = withDecisiveLexicalLeader(fused, [
      { index: 7, score: 9 },
      { index: 1, score: 7.5 },
    ])
    expect(close).toEqual(fused)
  })

  it("brings up the passage having the question's acronym when fusion buries it", () => {
    const fused = reciprocalRankFusion([
      { ranking: [9, 1, 2, 3, 4], weight: 1 },
      { ranking: [1, 2, 3, 4, 5, 6], weight: 1 },
    ])
    const lexical = [
      { index: 9, lexicalGroups: [0, 2] },
      { index: 1, lexicalGroups: [1] },
      { index: 2, lexicalGroups: [1] },
    ]
    const promoted = withQuestionAcronyms(fused, lexical, [2])
    expect(promoted.slice(0, 3).map((f) => f.index)).toEqual([1, 2, 9])
    expect(promoted.map((f) => f.index).sort()).toEqual(fused.map((f) => f.index).sort())
    // already among the first three, or no passage has it: left as fusion ranks it
    expect(withQuestionAcronyms(promoted, lexical, [2])).toEqual(promoted)
    expect(withQuestionAcronyms(fused, lexical, [3])).toEqual(fused)
    // a second acronym's passage comes fourth
    const two = withQuestionAcronyms(fused, [...lexical, { index: 6, lexicalGroups: [3] }], [2, 3])
    expect(two.slice(0, 4).map((f) => f.index)).toEqual([1, 2, 9, 6])
    // below passages tied with the one above it (their order stays fusion's)
    const tied = [
      { index: 1, score: 0.5 },
      { index: 2, score: 0.4 },
      { index: 3, score: 0.4 },
      { index: 5, score: 0.2 },
      { index: 0, score: 0.1 },
    ]
    expect(withQuestionAcronyms(tied, [{ index: 0, lexicalGroups: [0] }], [0]).map((f) => f.index)).toEqual([1, 2, 3, 0, 5])
  })

  it('scores off-topic questions below the threshold and on-topic ones above it', async () => {
    const index = await ingestBuiltin()
    const retriever = await Retriever.open({ INDEX_DIR: index, CACHE_DIR, EMBEDDER: BUILTIN_EMBEDDER_ID })
    for (const q of ['How tall is the Eiffel Tower?', '今天北京的天气怎么样？'])
      expect((await retriever.search(q)).confidence).toBeLessThan(NOTHING_RELEVANT_THRESHOLD)
    for (const q of ['技术转移服务机构', 'technology transfer intermediaries in Russia']) {
      const r = await retriever.search(q)
      expect(r.confidence).toBeGreaterThanOrEqual(NOTHING_RELEVANT_THRESHOLD)
      expect(r.results[0].section).toContain('技术转移环境亟待改善')
    }
  })
})

describe('translation fallbacks', () => {
  const dictionary = new EnglishChineseDictionary()
  it('guesses from a longer gloss when no gloss is the word itself, and marks words the dictionary lacks', () => {
    const t = translateEnglish('Westernized xyzzyq', dictionary, (w) => w === '西方')
    expect(t[0]).toMatchObject({ english: 'westernized', chinese: ['西方'], loose: true })
    expect(t[1]).toMatchObject({ english: 'xyzzyq', chinese: [], unknown: true })
  })
})
