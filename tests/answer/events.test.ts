import { describe, expect, it } from 'vitest'
import { eventSynonyms, isVerbFor, withEventForms } from '../../lib/answer/events'
import { assessEvidence } from '../../lib/answer/evidence'
import { type QuestionFocus, questionFocus } from '../../lib/retrieve/analyze'

const term = (text: string, extra: { event?: boolean; kind?: 'name' | 'term' } = {}) => ({
  text,
  forms: [text],
  kind: extra.kind ?? 'term',
  weight: 1,
  ...extra,
})

describe('the event a date or a number is asked for', () => {
  const focus: QuestionFocus = { terms: [term('月球站', { kind: 'name' }), term('建成', { event: true })], wants: 'date', anaphora: false }

  it('must be named in the clause that gives the date', () => {
    // the year the station is being built is not the year it is completed
    expect(assessEvidence(focus, [{ text: '2025 年，双方将推动月球站建设。' }]).typeUnmet).toBe(true)
    expect(assessEvidence(focus, [{ text: '月球站计划于 2035 年建成。' }]).typeUnmet).toBe(false)
  })

  it('is a verb of doing, not of being or saying: 出现 in "how many trends appeared" names no event', () => {
    const events = (q: string) =>
      questionFocus({ question: q, normalized: q, lang: 'zh', translations: [] } as never, () => [])
        .terms.filter((t) => t.event)
        .map((t) => t.text)
    expect(events('近些年国际科技领域出现了几个大趋势？')).toEqual([])
    expect(events('该实验室计划于哪一年建成？')).toEqual(['建成'])
  })

  it('is any verb of doing (创办, 提出, 实施), not one whose first sense is talking or moving (商量, 进来)', () => {
    const events = (q: string) =>
      questionFocus({ question: q, normalized: q, lang: 'zh', translations: [] } as never, () => [])
        .terms.filter((t) => t.event)
        .map((t) => t.text)
    expect(events('双方商量了要举办多少场活动？')).toEqual(['举办'])
    expect(events('特朗普要对进来的商品收多少关税？')).toEqual([])
    expect(events('该中心是哪一年创办的？')).toEqual(['创办'])
    expect(events('该战略是哪一年提出的？')).toEqual(['提出'])
    expect(events('该法案何时开始实施？')).toContain('实施')
  })

  it('is not needed in a note entry: its date is when the work was issued', () => {
    const published: QuestionFocus = { terms: [term('声明', { kind: 'name' }), term('发布', { event: true })], wants: 'date', anaphora: false }
    const entry = '外交部:《联合声明》,2023年9月8日,https://example.org/a。'
    expect(assessEvidence(published, [{ text: entry, entry: true }]).typeUnmet).toBe(false)
    expect(assessEvidence(published, [{ text: '2024 年，双方讨论了声明。' }]).typeUnmet).toBe(true)
  })

  it('is found in any of its synonyms', () => {
    const held: QuestionFocus = { terms: [term('委员会', { kind: 'name' }), term('举行', { event: true })], wants: 'date', anaphora: false }
    const text = [{ text: '委员会会议于 2025 年举办。' }]
    expect(assessEvidence(held, text).typeUnmet).toBe(true)
    expect(
      assessEvidence(
        withEventForms(
          held,
          () => ['举办'],
          () => [],
        ),
        text,
      ).typeUnmet,
    ).toBe(false)
  })
})

describe('event synonyms from the dictionary', () => {
  const renderings: Record<string, string[]> = { hold: ['举行', '举办', '托举'], establish: ['建立', '设立', '建成', '成立'], build: ['建设', '建成', '修建'] }
  const chineseFor = (words: string[]) => renderings[words.join(' ')] ?? []

  it('are renderings of its first senses that share a character in the same place', () => {
    expect(eventSynonyms('举行', ['to hold (a meeting, ceremony etc)'], chineseFor)).toEqual(['举办'])
    // 建成 shares 成 with 成立, but not in the same place
    expect(eventSynonyms('成立', ['to establish'], chineseFor)).toEqual(['建立', '设立'])
  })

  it('keep a result complement: a completed event is not the work towards it', () => {
    expect(eventSynonyms('建成', ['to establish', 'to build'], chineseFor)).toEqual([])
  })
})

describe("an English event verb's renderings", () => {
  const senses: Record<string, string[]> = { 签署: ['to sign (an agreement)'], 标志: ['sign', 'mark', 'to symbolize'], 署: ['office', 'to sign'] }

  it('are those with a sense that is the verb, not a noun, and of more than one character', () => {
    expect(isVerbFor(senses.签署, 'sign')).toBe(true)
    expect(isVerbFor(senses.标志, 'sign')).toBe(false)
    const signed = { text: 'signed', forms: ['标志', '签署', '署', 'sign'], kind: 'term' as const, weight: 1, event: true }
    const focus = withEventForms(
      { terms: [signed], wants: 'date', anaphora: false },
      () => [],
      (w) => senses[w] ?? [],
    )
    expect(focus.terms[0].eventForms).toEqual(['签署'])
    // the coverage of the focus still counts every rendering
    expect(focus.terms[0].forms).toEqual(signed.forms)
  })

  it("include the corpus glossary's renderings, the field's own usage (a policy adopted is 出台)", () => {
    const adopted = { text: 'adopted', forms: ['通过', '出台'], kind: 'term' as const, weight: 1, event: true }
    const dictionary: Record<string, string[]> = {
      通过: ['to pass through', 'to adopt (a resolution)'],
      出台: ['to officially launch (a policy, program etc)'],
    }
    const withGlossary = (glossary: (english: string) => string[]) =>
      withEventForms(
        { terms: [adopted], wants: 'date', anaphora: false },
        () => [],
        (w) => dictionary[w] ?? [],
        glossary,
      ).terms[0].eventForms
    expect(withGlossary(() => [])).toEqual(['通过'])
    expect(withGlossary((english) => (english === 'adopted' ? ['出台'] : []))).toEqual(['通过', '出台'])
  })

  it('need the verb in the clause giving the date: the date a document was signed is not the date another was discussed', () => {
    const focus: QuestionFocus = {
      terms: [term('框架', { kind: 'name' }), { ...term('signed', { event: true }), eventForms: ['签署'] }],
      wants: 'date',
      anaphora: false,
    }
    expect(assessEvidence(focus, [{ text: '2024 年，双方讨论了框架。' }]).typeUnmet).toBe(true)
    expect(assessEvidence(focus, [{ text: '框架于 2024 年签署。' }]).typeUnmet).toBe(false)
  })
})

describe('event verbs of a question', () => {
  const analysis = (question: string, lang: 'en' | 'zh', english: string[] = []) => ({
    question,
    normalized: question,
    lang,
    translations: english.map((w) => ({ english: w, chinese: [] })),
  })

  it('are the Chinese verbs and the English verbs of events, not a gerund describing a noun', () => {
    const zh = questionFocus(analysis('月球站计划于哪一年建成？', 'zh') as never, () => [])
    expect(zh.terms.find((t) => t.text === '建成')?.event).toBe(true)
    const en = questionFocus(analysis('When was the agreement signed about countries building networks?', 'en', ['signed', 'building']) as never, () => [])
    expect(en.terms.find((t) => t.text === 'signed')?.event).toBe(true)
    expect(en.terms.find((t) => t.text === 'building')?.event).toBeUndefined()
    const noun = questionFocus(analysis('What did the study find about emigration?', 'en', ['emigration']) as never, () => [])
    expect(noun.terms.find((t) => t.text === 'emigration')?.event).toBeUndefined()
  })
})
