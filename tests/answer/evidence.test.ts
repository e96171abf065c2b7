import { describe, expect, it } from 'vitest'
import { answerScopes, answersIn, answersType, assessEvidence, entryAnswers } from '../../lib/answer/evidence'
import { answerTypeOf, type QuestionFocus } from '../../lib/retrieve/analyze'

const term = (text: string, kind: 'name' | 'term' = 'term') => ({ text, forms: [text], kind, weight: 1 })

describe('the kind of answer asked for', () => {
  it('counts an English "how many <noun>" in the measure words of that noun', () => {
    const people = answerTypeOf('How many Russian scientists attended the forum?')
    expect(people.wants).toBe('number')
    expect(new RegExp(people.unit!).test('名')).toBe(true)
    expect(answerTypeOf('How many groups of countries are there?').unit).toBeUndefined()
    // the counted noun may follow adjectives of any kind
    expect(answerTypeOf('How many Chinese high-tech companies joined?').unit).toBe('家')
  })

  it('takes a numeral with 大 before a noun for a count of kinds (七大转变), but not a lone 一大', () => {
    const count: QuestionFocus = { terms: [], wants: 'number', anaphora: false }
    const never = () => false
    expect(answersType(count, '该战略提出要实现重点领域的五大转变。', never)).toBe(true)
    expect(answersType(count, '双方确定了3大合作方向。', never)).toBe(true)
    expect(answersType(count, '这是一大进步。', never)).toBe(false)
    // (a rank or a year is no count: 第二大, 2020大选)
    expect(answersType(count, '中国是俄罗斯第二大贸易伙伴。', never)).toBe(false)
    expect(answersType(count, '2020大选后双方关系调整。', never)).toBe(false)
    expect(answersType(count, '双方扩大了合作。', never)).toBe(false)
  })

  it('answers "how many years" with a span of time, not with a date', () => {
    const years: QuestionFocus = { terms: [], ...answerTypeOf('中俄建交多少年了？'), anaphora: false }
    expect(years.unit).toBe(answerTypeOf('How many years did it take?').unit)
    const never = () => false
    expect(answersType(years, '在两国建交75周年之际', never)).toBe(true)
    expect(answersType(years, '未来 10~15 年间实现七大转变', never)).toBe(true)
    expect(answersType(years, '2019—2024 中俄创新合作工作计划', never)).toBe(true)
    // (a year, and a date's month and day, are no span)
    expect(answersType(years, '关于 2030 年前经济合作的联合声明', never)).toBe(false)
    expect(answersType(years, '联合声明,2023年3月22日', never)).toBe(false)
  })

  it('answers "which university" (哪所大学, "which lab") with the name of one, not the word for the kind', () => {
    expect(answerTypeOf('Which Chinese university runs the centre in Russia?')).toEqual({ wants: 'institution', unit: 'university' })
    expect(answerTypeOf('哪所大学做过这项研究？')).toEqual({ wants: 'institution', unit: 'university' })
    expect(answerTypeOf('Which joint laboratories did they set up?')).toEqual({ wants: 'institution', unit: 'laboratory' })
    expect(answerTypeOf('Who runs the university?').wants).toBe('person')
    const never = () => false
    const university: QuestionFocus = {
      terms: [{ text: 'university', forms: ['大学', '高校'], kind: 'term', weight: 1 }],
      wants: 'institution',
      unit: 'university',
      anaphora: false,
    }
    expect(answersType(university, '乌拉尔联邦大学一项研究表明，移民威胁经济发展。', never)).toBe(true)
    // (a list of kinds, or the asker's own university, names none)
    expect(answersType(university, '与俄罗斯科研院所和大学开展技术合作。', never)).toBe(false)
    const tsinghua = { ...university, terms: [...university.terms, { text: 'Tsinghua University', forms: ['清华大学'], kind: 'name' as const, weight: 2 }] }
    expect(answersType(tsinghua, '清华大学与俄方合作。', never)).toBe(false)
    const lab: QuestionFocus = {
      terms: [{ text: 'joint laboratories', forms: ['联合实验室'], kind: 'term', weight: 1 }],
      wants: 'institution',
      unit: 'laboratory',
      anaphora: false,
    }
    expect(answersType(lab, '内容涵盖联合实验室（包括新冠病毒联合实验室）。', never)).toBe(true)
    // (the object of a verb is no name: 建立联合实验室 "set up joint laboratories")
    expect(answersType(lab, '通过在俄罗斯建立联合实验室等途径合作。', never)).toBe(false)
    // (nor a kind of one: this, other, world-class, the two countries', or the asker's own Russian universities)
    const russian = { ...university, terms: [...university.terms, { text: 'Russian', forms: ['俄罗斯'], kind: 'name' as const, weight: 2 }] }
    // (a name is read without the verb before it: 感谢清华大学 thanks 清华大学)
    expect(answersIn(university, '感谢清华大学的指导。', never)).toEqual(['清华大学'])
    for (const general of ['这所大学很好。', '其他大学也参与。', '世界一流大学合作。', '中俄两国大学合作。', '俄罗斯大学积淀成果。'])
      expect(answersType(russian, general, never), general).toBe(false)
    // ("what" asks for one only right before the kind: "what role do universities play" asks no name)
    expect(answerTypeOf('What university runs the centre?').wants).toBe('institution')
    expect(answerTypeOf('What role do universities play in the cooperation?').wants).toBe('other')
    expect(answerTypeOf('What are the banks worried about?').wants).toBe('other')
  })

  it('takes an identifier for a code, not a count', () => {
    expect(answerTypeOf('What is the approval number of the project?').wants).toBe('other')
    expect(answerTypeOf('该项目的批准号是什么？').wants).toBe('other')
    expect(answerTypeOf('What number of projects were approved?').wants).toBe('number')
  })

  it('asks "where does the text say X" for a passage, not a place', () => {
    expect(answerTypeOf('Where does the article discuss export controls?').wants).toBe('other')
    expect(answerTypeOf('文中哪里提到技术转移？').wants).toBe('other')
    expect(answerTypeOf('Where is the laboratory located?').wants).toBe('place')
    expect(answerTypeOf('实验室位于哪里？').wants).toBe('place')
  })

  it('asks "who is X affiliated with" for an institution, not a person', () => {
    expect(answerTypeOf('Who is the author affiliated with?').wants).toBe('other')
    expect(answerTypeOf('Who founded the laboratory?').wants).toBe('person')
  })

  it('asks "what is the capital of X" for a city, not for money', () => {
    expect(answerTypeOf('What is the capital of Kazakhstan?')).toEqual({ wants: 'place', unit: 'city' })
    expect(answerTypeOf('哈萨克斯坦的首都是哪个城市？')).toEqual({ wants: 'place', unit: 'city' })
    expect(answerTypeOf('How much capital did the fund raise?').wants).toBe('money')
  })
})

describe('evidence for a date, a number or a name', () => {
  const focus: QuestionFocus = { terms: [term('数学中心', 'name'), term('成立')], wants: 'date', anaphora: false }

  it('takes the span a text gives for how long something takes, whatever verb it ends with (实现 for 完成)', () => {
    const complete = { ...term('完成'), event: true }
    const text = '俄罗斯提出在未来 10~15 年间实现科技发展的七大转变。'
    const howLong: QuestionFocus = { terms: [term('俄罗斯'), term('七大转变'), complete], ...answerTypeOf('俄罗斯花多少年完成七大转变？'), anaphora: false }
    expect(assessEvidence(howLong, [{ text }]).typeUnmet).toBe(false)
    // (when it is completed is another matter: the year of another event does not date it)
    const when: QuestionFocus = { terms: [term('俄罗斯'), term('七大转变'), complete], wants: 'date', anaphora: false }
    expect(assessEvidence(when, [{ text: '2016 年俄罗斯提出实现科技发展的七大转变。' }]).typeUnmet).toBe(true)
  })

  it('reads a note on the article as about the article its title names (whom the authors of the outlook thank)', () => {
    const focus: QuestionFocus = { terms: [term('粮食贸易'), term('展望'), term('感谢')], wants: 'person', anaphora: false }
    const note = { text: '* 本文系基金项目的部分成果。感谢王海老师的指导。', entry: true }
    const text = { text: '双边粮食贸易持续增长。' }
    const titled = { ...note, article: '2025 年粮食贸易展望' }
    expect(assessEvidence(focus, [note, text]).typeUnmet).toBe(true)
    expect(assessEvidence(focus, [titled, text]).typeUnmet).toBe(false)
    // (the title tells what the note is about, not what it says: it does not raise the evidence score)
    expect(assessEvidence(focus, [titled, text]).score).toBe(assessEvidence(focus, [note, text]).score)
  })

  it('needs it in the sentence about the focus, not in the sentence before', () => {
    const before = '2020 年，双方开展了广泛的科研合作。清单涵盖数学中心的成立和联合实验室。'
    expect(assessEvidence(focus, [{ text: before }]).typeUnmet).toBe(true)
    const same = '双方开展了广泛的科研合作。数学中心于 2020 年成立。'
    expect(assessEvidence(focus, [{ text: same }]).typeUnmet).toBe(false)
  })

  it('needs it in the clauses about the focus, unless it opens the sentence', () => {
    const far = '该组包括中国（提出到 2040 年成为领导者，借鉴经验，确保安全）、印度（通过数学中心的成立实现增长）。'
    expect(assessEvidence(focus, [{ text: far }]).typeUnmet).toBe(true)
    const opening = '另外，2020 年，双方开展了广泛的合作，推动数学中心的成立。'
    expect(assessEvidence(focus, [{ text: opening }]).typeUnmet).toBe(false)
    // a note entry's fields all describe one work: its date dates the title
    const entry = '外交部:《关于数学中心成立的联合声明》,北京,新华出版社,2023年9月8日,https://example.org/a。'
    expect(assessEvidence(focus, [{ text: entry, entry: true }]).typeUnmet).toBe(false)
  })

  it('does not need the author who names the article in the sentence giving it (郑文 … 几个趋势)', () => {
    const trends = { ...term('趋势'), weight: 1 }
    const zheng = { text: '郑文', forms: ['郑世民', '郑文'], kind: 'name' as const, weight: 4 }
    const count = (author: typeof zheng & { namesDocument?: boolean }): QuestionFocus => ({
      terms: [author, trends],
      wants: 'number',
      unit: '个',
      anaphora: false,
    })
    const passages = [
      { text: '近年来，国际科学技术领域表现出三个主要趋势。', authors: ['郑世民', '郑文'] },
      { text: '俄罗斯的科研机构很多。', authors: ['郑世民', '郑文'] },
      { text: '中俄合作的趋势受到关注。' },
    ]
    expect(assessEvidence(count({ ...zheng, namesDocument: true }), passages).typeUnmet).toBe(false)
    expect(assessEvidence(count(zheng), passages).typeUnmet).toBe(true)
  })
})

describe('the evidence score', () => {
  it("counts a question's names together only where they meet: Japan in one sentence and nuclear energy with Russia in another answer nothing", () => {
    const focus: QuestionFocus = { terms: [term('日本', 'name'), term('俄罗斯', 'name'), term('核能')], wants: 'other', anaphora: false }
    const apart = '日本加强了防务。双方讨论了许多问题。各方都有不同看法。俄罗斯在核能领域实力雄厚。'
    const together = '日本与俄罗斯在核能领域开展合作。双方讨论了许多问题。各方都有不同看法。其他领域进展缓慢。'
    expect(assessEvidence(focus, [{ text: apart }]).score).toBeLessThan(0.8)
    expect(assessEvidence(focus, [{ text: together }]).score).toBe(1)
  })
})

describe('a note entry with the sentence citing it', () => {
  const focus: QuestionFocus = { terms: [term('芯片', 'name'), term('盟友')], wants: 'other', anaphora: false }
  const entry = { text: 'Jane Doe, “Allies Asked to Curb Exports,” Reuters, 2024.', entry: true }

  it('is about what it is cited for, in whatever language it is written', () => {
    expect(assessEvidence(focus, [entry]).missing).toHaveLength(1)
    const cited = assessEvidence(focus, [{ ...entry, context: '美国推动盟友限制芯片出口。' }])
    expect(cited.missing).toEqual([])
    expect(cited.score).toBe(1)
  })

  it('reads the citing sentence as text: its date or name counts only in the clauses about the focus', () => {
    const when: QuestionFocus = { ...focus, terms: [...focus.terms, term('限制', 'term')], wants: 'date' }
    expect(assessEvidence(when, [{ text: '某某:《报告》。', entry: true, context: '2024 年，美国推动盟友限制芯片出口。' }]).typeUnmet).toBe(false)
    const apart = '美国推动盟友限制芯片出口，双方还讨论了其他问题，另外俄罗斯在 2024 年举行了大选。'
    expect(assessEvidence(when, [{ text: '某某:《报告》。', entry: true, context: apart }]).typeUnmet).toBe(true)
  })
})

describe('an English note entry asked where in Chinese', () => {
  const where: QuestionFocus = { terms: [term('论坛', 'name'), { ...term('举办'), event: true }], wants: 'place', anaphora: false }
  const entry = { text: 'Jane Doe, “The 2024 Energy Forum in Springfield,” 2024, 访问时间:2024 年 7 月 1 日。', entry: true }
  const placeName = (english: string) => (english === 'springfield' ? '春田' : undefined)
  const properName = () => 'Springfield'

  it('answers with the place its title names, for what its citing sentence says', () => {
    const cited = { ...entry, context: '2024 年能源论坛提出了新的合作计划。' }
    expect(assessEvidence(where, [cited], properName, placeName).typeUnmet).toBe(false)
    // without a dictionary that knows the place, or cited for something else, it names no place for the question
    expect(assessEvidence(where, [cited], properName).typeUnmet).toBe(true)
    expect(assessEvidence(where, [{ ...entry, context: '双方讨论了合作计划。' }], properName, placeName).typeUnmet).toBe(true)
  })
})

describe('a note entry', () => {
  it('answers "who" with the author it opens with, a name the tagger may not know', () => {
    const who: QuestionFocus = { terms: [], wants: 'person', anaphora: false }
    const noName = () => false
    expect(entryAnswers(who, '① 王海生:《远东小麦出口调查》,载《海洋日报》,2023 年 5 月 1 日。', noName)).toBe(true)
    expect(entryAnswers(who, '本文系国家社会科学基金重大项目的部分成果。', noName)).toBe(false)
    expect(entryAnswers({ ...who, wants: 'date' }, '王海生:《远东小麦出口调查》', noName)).toBe(false)
  })
})

describe('a person named in the text', () => {
  it('is a name before a title of address, even one the tagger does not know', () => {
    const who: QuestionFocus = { terms: [], wants: 'person', anaphora: false }
    // as the answerer asks: a word the dictionary glosses as a common word is no name; one it lacks may be
    const notCommon = (word: string) => !['经济学', '国际关系'].includes(word)
    expect(answersType(who, '感谢国际关系研究院柏青云老师和尚岚教授的指导。', notCommon)).toBe(true)
    expect(answersType(who, '感谢各位老师的重要指导。', notCommon)).toBe(false)
    expect(answersType(who, '学生与老师共同完成了实验。', notCommon)).toBe(false)
    expect(answersType(who, '该校经济学教授参与了研究。', notCommon)).toBe(false)
  })
})

describe('a clause about the focus', () => {
  it('needs more than the topic every passage shares', () => {
    const focus: QuestionFocus = { terms: [{ ...term('中俄', 'name'), weight: 4 }, term('物理')], wants: 'date', anaphora: false }
    const passages = [{ text: '中俄于 2019 年设立联合基金。' }, { text: '中俄物理中心开展合作。' }, { text: '中俄交流不断扩大。' }]
    expect(assessEvidence(focus, passages).typeUnmet).toBe(true)
    expect(assessEvidence(focus, [...passages, { text: '中俄物理中心于 2020 年启用。' }]).typeUnmet).toBe(false)
  })
})

describe('the scope of a number, date or name in a sentence', () => {
  const year = (clause: string) => /\d{4}/.test(clause)
  it('is its clause and the neighbouring ones, or the whole sentence when the sentence opens with it', () => {
    expect(answerScopes('甲方提出建议，乙，2020 年丙，丁，戊。', year)).toEqual(['乙，2020 年丙，丁'])
    expect(answerScopes('另外，2020 年，乙，丙，丁。', year)).toEqual(['另外，2020 年，乙，丙，丁。'])
  })

  it('reaches back to what a clause in brackets describes', () => {
    expect(answerScopes('包括法国（甲，乙）、中国（凭借实力，提出到 2040 年成为领先者，借鉴经验）等。', year)).toEqual([
      '、中国，凭借实力，提出到 2040 年成为领先者，借鉴经验',
    ])
  })
})

describe('the clause that gives a number', () => {
  it('need not have a common word of the question the corpus never uses (商量 for 商定)', () => {
    const focus: QuestionFocus = {
      terms: [{ ...term('商量'), weight: 1.08, absent: true }, term('课程')],
      wants: 'number',
      anaphora: false,
    }
    const passages = [{ text: '两校商定共同开设百余项课程，编写了教材。' }, { text: '两校合作不断深化。' }, { text: '科研合作成果丰硕。' }]
    expect(assessEvidence(focus, passages).typeUnmet).toBe(false)
    // (a specific word the corpus lacks still counts: it is missing)
    const rare: QuestionFocus = { ...focus, terms: [{ ...term('光刻机'), weight: 1.6, absent: true }, term('课程')] }
    expect(assessEvidence(rare, passages).typeUnmet).toBe(true)
  })
})
