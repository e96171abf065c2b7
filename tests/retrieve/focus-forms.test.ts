import { describe, expect, it } from 'vitest'
import {
  abbreviationIn,
  analyzeQuery,
  answerTypeOf,
  containsTerm,
  questionFocus,
  sameSenseWords,
  standardQuestionWords,
  supportsTerm,
  telling,
  withoutMarkup,
} from '../../lib/retrieve/analyze'
import { EnglishChineseDictionary, isQuestionStopword } from '../../lib/retrieve/translate'
import { demonymBases } from '../../lib/text/demonyms'

/** A Chinese question as query analysis hands it to questionFocus. */
const chineseQuestion = (q: string) => ({ question: q, normalized: q, lang: 'zh', translations: [] }) as never

/** The focus of a Chinese question over a corpus that has every word but `lacking`. */
const focusLacking = (q: string, lacking: string[]) =>
  questionFocus(
    chineseQuestion(q),
    () => [],
    (t) => !lacking.includes(t),
  )

describe('focus terms and answer types', () => {
  it("reads an English stem's final i as the word's y (uncertainti: uncertainty, economi: economy)", () => {
    expect(containsTerm('growing uncertainty in cooperation', 'uncertainti')).toBe(true)
    expect(containsTerm('the digital economy', 'economi')).toBe(true)
    expect(containsTerm('economies of scale', 'economi')).toBe(true)
    expect(containsTerm('ecology', 'economi')).toBe(false)
  })

  it('takes a number in a term as a whole number, at either end', () => {
    expect(containsTerm('2018 年 2 月出台', '2 月')).toBe(true)
    expect(containsTerm('2018年2月出台', '2月')).toBe(true)
    expect(containsTerm('2019年12月出台', '2月')).toBe(false)
    expect(containsTerm('第 14 次会议', '第 1')).toBe(false)
  })

  it('finds an English month where the text writes it in digits', () => {
    const q = 'What did the concept of February 2019 say?'
    const translations = [{ english: 'february', chinese: ['二月'] }]
    const february = questionFocus({ question: q, normalized: q, lang: 'en', translations } as never, () => ['二月']).terms.find((t) => t.text === 'February')
    expect(february && supportsTerm('2018年2月出台的构想', february)).toBe(true)
    expect(february && supportsTerm('2019年12月出台的构想', february)).toBe(false)
  })

  it('leaves out words that ask for the form of the answer or a count (全称, 中文, 一共, 东西)', () => {
    const terms = (q: string) => focusLacking(q, []).terms.map((t) => t.text)
    expect(terms('RISE 这个伙伴关系的中文全称叫什么？')).toEqual(['RISE', '伙伴关系'])
    expect(terms('双方一共举办了多少场活动？')).not.toContain('一共')
    expect(terms('在核电这块，中俄打算一起研究哪些东西？')).not.toContain('东西')
  })

  it('leaves out the part of the text asked for ("in which part of the article"): it is where, not what', () => {
    const q = 'In which part of the article does the author discuss the shortage of talent?'
    const translations = [
      { english: 'part', chinese: ['部分'] },
      { english: 'shortage', chinese: ['短缺'] },
      { english: 'talent', chinese: ['人才'] },
    ]
    const terms = questionFocus({ question: q, normalized: q, lang: 'en', translations } as never, () => []).terms.map((t) => t.text)
    expect(terms).toEqual(expect.arrayContaining(['shortage', 'talent']))
    expect(terms).not.toContain('part')
  })

  it('leaves out a degree adverb glued to its adjective (很难 "very hard"): the asker\'s judgement, no name', () => {
    const terms = focusLacking('为什么中俄企业和科研院所很难直接对接？', []).terms.map((t) => t.text)
    expect(terms).toEqual(expect.arrayContaining(['企业', '对接']))
    expect(terms).not.toContain('很难')
  })

  it('reads 几 after 最近, 这 or 好 as "a few", not as "how many"', () => {
    expect(answerTypeOf('最近几年国际科技领域出现了哪些大趋势？').wants).toBe('other')
    expect(answerTypeOf('这几年好几个国家都出台了什么战略？').wants).toBe('other')
    expect(answerTypeOf('双方这几年合作了几个项目？')).toEqual({ wants: 'number', unit: '个' })
  })

  it('leaves out a verb of intending (打算): the plan is not a thing the text must name', () => {
    expect(focusLacking('俄罗斯打算花多少年完成这些转变？', []).terms.map((t) => t.text)).not.toContain('打算')
  })

  it('leaves out words referring back to the parties (两国, 双方): the text may say 中俄', () => {
    const terms = focusLacking('科技创新年两国一共举办了多少场活动？', []).terms.map((t) => t.text)
    expect(terms).not.toContain('两国')
    expect(terms).toContain('活动')
  })

  it('reads colloquial question words as the standard ones (啥时候, 啥样, 咋样)', () => {
    expect(standardQuestionWords('旧版是啥时候发布的？')).toBe('旧版是什么时候发布的？')
    expect(answerTypeOf(standardQuestionWords('旧版是啥时候发布的？')).wants).toBe('date')
    const terms = focusLacking(standardQuestionWords('美国要加强的是啥样的威慑战略？'), []).terms.map((t) => t.text)
    expect(terms).not.toContain('样')
    expect(terms).toContain('威慑')
  })

  it("weighs an acronym the corpus writes (NICA) as a name, and one it does not (ICT) as the asker's shorthand", () => {
    const weightOf = (acronym: string) => {
      const q = `What kind of facility is the ${acronym} project?`
      const translations = [{ english: acronym.toLowerCase(), chinese: [], unknown: true }]
      const focus = questionFocus(
        { question: q, normalized: q, lang: 'en', translations } as never,
        () => [],
        (t) => t === 'nica',
      )
      return focus.terms.find((t) => t.text === acronym)?.weight
    }
    expect(weightOf('NICA')).toBe(2)
    expect(weightOf('ICT')).toBe(0.3)
  })

  it('keeps how an English question asks out of its focus: a polite frame, the kind of date, an intention', () => {
    const focusOf = (q: string) => {
      const words = q.toLowerCase().match(/[a-z]{3,}/g)!
      const translations = words.map((english) => ({ english, chinese: ['词'] }))
      return questionFocus({ question: q, normalized: q, lang: 'en', translations } as never, () => []).terms.map((t) => t.text.toLowerCase())
    }
    const polite = focusOf('Do you know on what date the pipeline was opened?')
    expect(polite).not.toContain('know')
    expect(polite).not.toContain('date')
    expect(polite).toContain('pipeline')
    expect(focusOf('Can you tell me the year the strategy was adopted?')).not.toContain('tell')
    expect(focusOf('Can you tell me the year the strategy was adopted?')).not.toContain('year')
    // a year that is part of what is asked about stays ("the 75 years of relations")
    expect(focusOf('On what date was the statement on 75 years of relations released?')).toContain('years')
    expect(focusOf('By what year does China aim to become a leader?')).not.toContain('aim')
    expect(focusOf('What is the aim of the strategy?')).toContain('aim')
    expect(focusOf('Where can I find the list of joint laboratories?')).not.toContain('find')
    expect(focusOf('Which partners has Russia tried to attract?')).not.toContain('tried')
    expect(answerTypeOf('Can you tell me the date the strategy was adopted?').wants).toBe('date')
    expect(answerTypeOf('On which date was it signed?').wants).toBe('date')
  })

  it('asks for an amount with "how many billion yuan" or "how big is the fund", its unit and size words no focus', () => {
    const focusOf = (q: string) => {
      const words = q.toLowerCase().match(/[a-z]{2,}/g)!
      const translations = words.map((english) => ({ english, chinese: ['词'] }))
      return questionFocus({ question: q, normalized: q, lang: 'en', translations } as never, () => []).terms.map((t) => t.text.toLowerCase())
    }
    expect(answerTypeOf('How many billion yuan is the joint fund?').wants).toBe('money')
    expect(answerTypeOf('How big is the joint innovation fund?').wants).toBe('money')
    expect(answerTypeOf('How big is the market?').wants).toBe('other')
    expect(answerTypeOf('How big is the role of the fund in cooperation?').wants).toBe('other')
    // (多少年 counts years; 多少年轻科学家 counts young scientists)
    expect(answerTypeOf('多少年轻科学家出国了？').unit).toBeUndefined()
    const amount = focusOf('How many billion yuan is the joint fund in US dollars?')
    expect(amount).toContain('fund')
    for (const unit of ['billion', 'yuan', 'us', 'dollars']) expect(amount).not.toContain(unit)
    expect(focusOf('How big is the joint fund?')).not.toContain('big')
    // (a bare word ending a question with no do or modal before it is a noun, no event: the fund)
    const eventOf = (q: string, word: string) =>
      questionFocus({ question: q, normalized: q, lang: 'en', translations: [{ english: word, chinese: ['词'] }] } as never, () => []).terms.find(
        (t) => t.text === word,
      )?.event
    expect(eventOf('How big is the joint innovation fund?', 'fund')).toBeFalsy()
    expect(eventOf('When did Russia join?', 'join')).toBe(true)
    // (a prefix a hyphen leaves alone is no word: co-authors)
    expect(isQuestionStopword('co')).toBe(true)
  })

  it('reads a question without the HTML markup pasted into it, keeping comparisons', () => {
    expect(withoutMarkup('<script>alert(1)</script><img src=x onerror=alert(2)><b>中俄</b>合作的风险是什么？').replace(/\s+/g, '')).toBe(
      '中俄合作的风险是什么？',
    )
    expect(withoutMarkup('Is 3 < 5 and 6 > 2?')).toBe('Is 3 < 5 and 6 > 2?')
  })

  it('keeps how a Chinese question asks out of its focus (你知道, 请告诉我), and a verb of claiming the tagger takes for a noun (声称)', () => {
    const focusOf = (q: string) => focusLacking(q, []).terms.map((t) => t.text)
    expect(focusOf('哪位部长声称要制定新的技术规则？')).not.toContain('声称')
    expect(focusOf('哪位部长声称要制定新的技术规则？')).toContain('规则')
    expect(focusOf('这份声明是哪一年发布的？')).toContain('声明')
    expect(focusOf('你知道中俄科技创新年是哪一年启动的吗？')).not.toContain('知道')
    expect(focusOf('请告诉我中俄科技创新年是哪一年启动的')).not.toContain('告诉')
    expect(focusOf('请告诉我中俄科技创新年是哪一年启动的')).toContain('启动')
  })

  it('does not take the language an answer is asked in for a thing asked about ("what English phrase")', () => {
    const focusOf = (q: string) => {
      const translations = [
        { english: 'english', chinese: ['英语'] },
        { english: 'phrase', chinese: ['短语'] },
        { english: 'indo-pacific', chinese: ['印太'] },
      ]
      return questionFocus({ question: q, normalized: q, lang: 'en', translations } as never, () => []).terms.map((t) => t.text.toLowerCase())
    }
    expect(focusOf('What English phrase does the article quote for the Indo-Pacific?')).not.toContain('english')
    expect(focusOf('How is the Indo-Pacific called in English? Which phrase?')).not.toContain('english')
    expect(focusOf('Do the Indo-Pacific states teach English? Which phrase?')).toContain('english')
    // (nor is the language of a thing: investment in Chinese firms)
    const firms = questionFocus(
      {
        question: 'How much investment in Chinese firms?',
        normalized: 'How much investment in Chinese firms?',
        lang: 'en',
        translations: [{ english: 'chinese', chinese: ['中国'] }],
      } as never,
      () => [],
    )
    expect(firms.terms.map((t) => t.text)).toContain('Chinese')
  })

  it('does not require an adjective the corpus lacks, marked by a degree adverb (比较少见 "rather rare")', () => {
    const rare = focusLacking('信息通信领域还包括哪些比较少见的方向？', ['少见']).terms.find((t) => t.text === '少见')
    expect(rare?.absent).toBeFalsy()
    const missile = focusLacking('双方在哪些导弹项目上合作？', ['导弹']).terms.find((t) => t.text === '导弹')
    expect(missile?.absent).toBe(true)
  })

  it('asks "who" as a question word, not as a relative pronoun after a noun', () => {
    expect(answerTypeOf('Who founded the laboratory?').wants).toBe('person')
    expect(answerTypeOf('By whom was the report written?').wants).toBe('person')
    expect(answerTypeOf('In 2020, who led the project?').wants).toBe('person')
    expect(answerTypeOf('How does Russia treat its scientists who go abroad?').wants).toBe('other')
    expect(answerTypeOf('谁主持了该项目？').wants).toBe('person')
  })

  it('asks for a city with a word or two between "which" and "city" (which Russian city, 哪个俄罗斯城市)', () => {
    expect(answerTypeOf('In which Russian city is the collider being built?')).toEqual({ wants: 'place', unit: 'city' })
    expect(answerTypeOf('对撞机在哪个俄罗斯城市建设？')).toEqual({ wants: 'place', unit: 'city' })
    expect(answerTypeOf('Which place names appear in the text?').wants).toBe('other')
  })

  it('asks "when" as a question word, not as a conjunction joining a clause', () => {
    expect(answerTypeOf('When was the concept adopted?').wants).toBe('date')
    expect(answerTypeOf('Do you know when it was signed?').wants).toBe('date')
    expect(answerTypeOf('In 2020, when did the programme start?').wants).toBe('date')
    expect(answerTypeOf('What problems do companies face when they try to connect directly?').wants).toBe('other')
    // (nor one opening a clause before the question: it asks what the question word after it asks)
    expect(answerTypeOf('When companies look for partners abroad, what do they try first?').wants).toBe('other')
    expect(answerTypeOf('When companies look for partners abroad, who do they try first?').wants).toBe('person')
    expect(answerTypeOf('When, after the summit, was it signed?').wants).toBe('date')
    expect(answerTypeOf('When was the fund set up, what was it for?').wants).toBe('date')
  })

  it('writes a name with the words that name it, not with those whose gloss mentions it', () => {
    const dictionary = new EnglishChineseDictionary()
    const names = new Set(['japan', 'russia', 'russian', 'australia'])
    const formsOf = (q: string, text: string) =>
      questionFocus(
        analyzeQuery(q, dictionary, () => true),
        (w) => dictionary.lookup(w),
        () => true,
        (e) => names.has(e.toLowerCase()),
      ).terms.find((t) => t.text === text)?.forms ?? []
    // (a single character when it is first a name and abbreviates one: 澳 "Australia (abbr. for 澳大利亚)")
    expect(formsOf('What did Australia say about Japan?', 'Australia')).toContain('澳')
    const japan = formsOf('How does Japan cooperate with Russia on nuclear energy?', 'Japan')
    expect(japan).toContain('日本')
    // (not 和 "and; … Japanese", which every passage has, nor 广岛 "Hiroshima, city in Japan")
    for (const loose of ['和', '广岛', '七国集团']) expect(japan).not.toContain(loose)
    expect(formsOf('Why do Russian scientists leave?', 'Russian')).toContain('俄罗斯')
  })

  it('writes a name also with the glossary\'s renderings, whatever CC-CEDICT glosses them with (American: 美国 "United States")', () => {
    const formsWith = (glossary: Record<string, string[]>) => {
      const dictionary = new EnglishChineseDictionary({ terms: glossary })
      const q = 'Why do companies turn to American projects?'
      const american = questionFocus(
        analyzeQuery(q, dictionary, () => true),
        (w) => dictionary.lookup(w),
        () => true,
        (e) => ['american', 'america'].includes(e.toLowerCase()),
      ).terms.find((t) => t.text === 'American')
      return american?.forms ?? []
    }
    expect(formsWith({})).not.toContain('美国')
    expect(formsWith({ American: ['美国'] })).toContain('美国')
  })

  it("looks for an English question's years and counts as written (digits read the same in Chinese text)", () => {
    const dictionary = new EnglishChineseDictionary()
    const groups = analyzeQuery("What is Russia's goal for 2035 in science?", dictionary, () => true).groups.map((g) => g.terms)
    expect(groups).toContainEqual(['2035'])
  })

  it('finds a decade where the text writes it as Chinese does (the 1990s: 90 年代)', () => {
    const q = 'How did cooperation develop in the 1990s?'
    const decade = questionFocus({ question: q, normalized: q, lang: 'en', translations: [] } as never, () => []).terms.find((t) => t.text === '1990s')
    expect(decade && supportsTerm('自 20 世纪 90 年代起，双方的合作不断扩大', decade)).toBe(true)
    expect(decade && supportsTerm('上世纪九十年代', decade)).toBe(true)
    expect(decade && supportsTerm('1990 年，双方签署协定', decade)).toBe(false)
  })

  it('takes "how long" and 多久 as asking for a span of time, which a range of years gives', () => {
    for (const q of ['How long will the plan take?', 'How many years does the strategy cover?', '这项计划需要多久？', '需要多长时间完成？']) {
      const type = answerTypeOf(q)
      expect(type.wants, q).toBe('number')
      expect(new RegExp(`\\d\\s*${type.unit}`).test('未来 5~8 年间'), q).toBe(true)
    }
  })

  it('does not take 多长时间 for a content word the documents must contain', () => {
    const terms = questionFocus(chineseQuestion('俄罗斯计划在多长时间内实现转变？'), () => []).terms.map((t) => t.text)
    expect(terms).toContain('俄罗斯')
    expect(terms.some((t) => t.startsWith('多长'))).toBe(false)
  })

  it('requires a noun the corpus never uses, but not a verb (most likely the word of the asker for one it uses)', () => {
    const focus = focusLacking('委员会下设什么稀土机构？', ['下设', '稀土'])
    expect(focus.terms.find((t) => t.text === '下设')?.absent).toBeFalsy()
    expect(focus.terms.find((t) => t.text === '稀土')?.absent).toBe(true)
  })

  it('supports a word the corpus lacks by one it has whose first sense is the same phrase (人才外流: 人才流失 "brain drain")', () => {
    const dictionary = new EnglishChineseDictionary()
    const chineseFor = (words: string[]) => dictionary.lookup(words)
    const inCorpus = (t: string) => t !== '人才外流'
    expect(sameSenseWords('人才外流', chineseFor, inCorpus)).toContain('人才流失')
    const q = '俄罗斯人才外流有多严重？'
    const focus = questionFocus(chineseQuestion(q), chineseFor, inCorpus)
    const term = focus.terms.find((t) => t.text === '人才外流')
    expect(term && supportsTerm('人才流失问题一直是顽症', term)).toBe(true)
    expect(term && supportsTerm('人才交流与培养', term)).toBe(false)
    // a one-word sense ("to transfer") is shared by too many words to make them synonyms
    expect(sameSenseWords('转让', chineseFor, () => true)).toEqual([])
  })

  it('does not require a word the corpus lacks that CC-CEDICT does not know either (its synonyms cannot be checked)', () => {
    const focus = focusLacking('中俄校企合作中稀土的案例有哪些？', ['校企', '稀土'])
    expect(focus.terms.find((t) => t.text === '稀土')?.absent).toBe(true)
    // unless it is a two-character noun the segmenter knows, mostly a short form: then the passages must write it out
    const short = focus.terms.find((t) => t.text === '校企')
    expect(short?.absent).toBe(true)
    expect(short && supportsTerm('推动企业与研究所联合培养人才', short)).toBe(false)
    expect(short && supportsTerm('推动高校和企业联合培养人才', short)).toBe(true)
    const unknown = focusLacking('中俄在塔吉兹项目上合作了吗？', ['塔吉兹']).terms.find((t) => t.text.includes('塔吉兹'))
    expect(unknown?.absent).toBeFalsy()
  })

  it('takes "which" with a measure word (哪几个, 哪份) for a question word, not a content word or a count', () => {
    const terms = (q: string) => questionFocus(chineseQuestion(q), () => []).terms.map((t) => t.text)
    expect(terms('战略提出了哪几个转变？').some((t) => t.includes('哪'))).toBe(false)
    expect(answerTypeOf('战略提出了哪几个转变？').wants).toBe('other')
    expect(answerTypeOf('战略提出了几个转变？').wants).toBe('number')
    const document = terms('哪份文件把技术列为重点领域？')
    expect(document.some((t) => t.startsWith('份'))).toBe(false)
  })
})

describe('the forms that tell sentences apart', () => {
  it('are multi-character Chinese words, or for an English word rendered only by single characters, those', () => {
    const term = (text: string, forms: string[]) => ({ text, forms, kind: 'term' as const, weight: 1 })
    expect(telling(term('Russia', ['俄', '俄罗斯', 'russia'])).forms).toEqual(['俄罗斯'])
    expect(telling(term('carbon', ['碳', 'carbon'])).forms).toEqual(['碳'])
    // (a Chinese question's own one-character word stays as it was asked)
    expect(telling(term('国', ['国'])).forms).toEqual(['国'])
  })
})

describe('support in other forms', () => {
  it('finds the longer name a short form abbreviates, its characters in order and close together', () => {
    expect(abbreviationIn('本届上海合作组织峰会在阿斯塔纳举行', '上合组织')).toBe(true)
    expect(abbreviationIn('上海市与俄罗斯的合作，组建了新的组织', '上合组织')).toBe(false)
  })

  it('supports a Chinese name where an English text gives it, and takes no question word for a name', () => {
    const focus = (q: string) => questionFocus(chineseQuestion(q), () => [])
    const washington = focus('北约在华盛顿峰会上提出了什么？').terms.find((t) => t.text === '华盛顿')!
    expect(supportsTerm('fact sheet: the 2024 nato summit in washington', washington)).toBe(true)
    expect(focus('中俄在导航系统方面有何合作？').terms.map((t) => t.text)).not.toContain('有何')
  })

  it('reads an adjective of nationality as its place', () => {
    expect(demonymBases('European')).toContain('europe')
    expect(demonymBases('Russian')).toContain('russia')
    expect(demonymBases('Italian')).toContain('italy')
    expect(demonymBases('Chinese')).toContain('china')
    expect(demonymBases('Japanese')).toContain('japan')
    expect(demonymBases('Brazilian')).toContain('brazil')
    expect(demonymBases('Ukrainian')).toContain('ukraine')
    // (and those no ending rule reaches)
    expect(demonymBases('Swiss')).toEqual(['switzerland'])
    expect(demonymBases('Norwegian')).toEqual(['norway'])
    expect(demonymBases('Soviet')).toEqual(['soviet union'])
    expect(demonymBases('Russians')).toContain('russia')
    expect(demonymBases('Norwegians')).toEqual(['norway'])
    expect(demonymBases('Korean')).toContain('south korea')
    expect(demonymBases('Beijing')).toEqual([])
  })

  it('writes an adjective of nationality with its country, a two-word one too (Swiss: 瑞士; Soviet: 苏联)', () => {
    const dictionary = new EnglishChineseDictionary()
    const formsOf = (q: string, text: string) =>
      questionFocus(
        analyzeQuery(q, dictionary, () => true),
        (w) => dictionary.lookup(w),
        () => true,
        (e) => ['swiss', 'switzerland', 'soviet', 'soviet union', 'german', 'germany'].includes(e.toLowerCase()),
      ).terms.find((t) => t.text === text)?.forms ?? []
    expect(formsOf('Which Swiss policies does the article mention?', 'Swiss')).toContain('瑞士')
    expect(formsOf('What did the Soviet planned economy do to research?', 'Soviet')).toContain('苏联')
    // (the country first, as a decline names it: 德国, not 德语 "German (language)")
    const german = formsOf('Which German strategy is mentioned?', 'German')
    expect(german).toContain('德语')
    expect(german.indexOf('德国')).toBeGreaterThanOrEqual(0)
    expect(german.indexOf('德国')).toBeLessThan(german.indexOf('德语'))
  })
})

describe('a compound the corpus lacks', () => {
  it('is supported where the corpus writes it with a synonym of its missing part (技术转让: 技术转移)', () => {
    const q = '俄罗斯技术转让中介机构情况如何？'
    const inCorpus = (w: string) => !['转让', '技术转让'].includes(w)
    const chineseFor = (words: string[]) => (words.join(' ') === 'transfer' ? ['转让', '转移', '转账'] : [])
    const focus = questionFocus(chineseQuestion(q), chineseFor, inCorpus)
    const term = focus.terms.find((t) => t.text === '技术转让')!
    expect(supportsTerm('该国从事技术转移的服务机构不多', term)).toBe(true)
    expect(supportsTerm('该国的技术市场不够开放', term)).toBe(false)
  })
})
