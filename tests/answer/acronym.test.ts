import { describe, expect, it } from 'vitest'
import { analyzeQuery, questionFocus, undotAcronyms } from '../../lib/retrieve/analyze'
import { EnglishChineseDictionary } from '../../lib/retrieve/translate'

describe('capitalised acronyms in English questions', () => {
  const dictionary = new EnglishChineseDictionary({ terms: { SCO: ['上海合作组织'] } })
  const corpusWords = new Set(['人工智能', '中介', '美国', '使用', '利用', '用于', '七国集团', '关税', '上海合作组织', '上合'])
  const inCorpus = (w: string) => corpusWords.has(w)

  it('reads US as the country, not the pronoun or "use"', () => {
    const a = analyzeQuery('What tariffs did the US impose?', dictionary, inCorpus)
    const us = a.translations.find((t) => t.english === 'us')!
    expect(us.chinese).toContain('美国')
    expect(us.chinese).not.toContain('使用')
    expect(us.chinese).not.toContain('七国集团')
    const focus = questionFocus(a, (w) => dictionary.lookup(w))
    const term = focus.terms.find((t) => t.text === 'US')!
    expect(term.kind).toBe('name')
    expect(term.forms).not.toContain('使用')
  })

  it('leaves a lower-case "us" alone and undots U.S.', () => {
    const a = analyzeQuery('Tell us about tariffs', dictionary, inCorpus)
    expect(a.translations.find((t) => t.english === 'us')?.acronym).toBeUndefined()
    expect(undotAcronyms('the U.S. and the E.U.')).toBe('the US and the EU')
    const dotted = analyzeQuery('What tariffs did the U.S. impose?', dictionary, inCorpus)
    expect(dotted.translations.find((t) => t.english === 'us')!.chinese).toContain('美国')
  })

  it('reads an acronym the dictionary glosses only in long form as that long form', () => {
    expect(dictionary.longForms('AI')).toContain('人工智能')
    // (a verb's first sense is no name: 中介 "to act as intermediary" is no AI)
    expect(dictionary.longForms('AI')).not.toContain('中介')
    const a = analyzeQuery('How will AI change research?', dictionary, inCorpus)
    expect(a.translations.find((t) => t.english === 'ai')).toMatchObject({ chinese: ['人工智能'], acronym: true })
  })

  it("keeps the glossary's renderings of an acronym", () => {
    const a = analyzeQuery('Who chairs the SCO?', dictionary, inCorpus)
    expect(a.translations.find((t) => t.english === 'sco')!.chinese).toContain('上海合作组织')
  })
})
