import { describe, expect, it } from 'vitest'
import { withMissingFromReserve } from '../../lib/answer/answer'
import { assessEvidence, evidenceReading } from '../../lib/answer/evidence'
import { extractiveAnswer } from '../../lib/answer/extractive'
import type { CitedPassage } from '../../lib/answer/passages'
import { type QueryAnalysis, type QuestionFocus, questionFocus, rangeForms, supportsTerm, telling } from '../../lib/retrieve/analyze'
import type { Passage } from '../../lib/types'
import { citedPassage, flatVectors } from './passage-fixture'

const passage = (n: number, plain: string) => citedPassage(n, plain)

const focus: QuestionFocus = {
  terms: [
    { text: '俄罗斯', forms: ['俄罗斯'], kind: 'name', weight: 2 },
    { text: '战略', forms: ['战略'], kind: 'term', weight: 1 },
    { text: '12-18', forms: rangeForms('12', '18'), kind: 'term', weight: 2 },
  ],
  wants: 'other',
  anaphora: false,
}

const answer = (passages: CitedPassage[], reserve: CitedPassage[]) =>
  extractiveAnswer({
    analysis: { question: '俄罗斯战略提出未来12~18年实现什么？', normalized: '俄罗斯战略提出未来12~18年实现什么？', lang: 'zh' } as QueryAnalysis,
    focus,
    evidence: { score: 1, missing: [], typeUnmet: false },
    passages,
    reserve,
    citationQuestion: false,
    ...flatVectors,
    senses: () => [],
  })

describe('the reserve passages', () => {
  const main = [passage(1, '俄罗斯的科技战略重视国际合作，强调开放与互利共赢的原则。')]

  it('lead the answer when a sentence there carries clearly more of the focus', async () => {
    const result = await answer(main, [passage(2, '俄罗斯战略提出，俄罗斯计划在未来 12~18 年间实现科技发展的七大转变。')])
    expect(result.quotes[0].n).toBe(2)
    expect(result.cited).toContain(2)
  })

  it('are not quoted when they add nothing the passages lack', async () => {
    const result = await answer(main, [passage(2, '俄罗斯的战略文件很多，涉及科技与经济的各个领域。')])
    expect(result.cited).toEqual([1])
  })
})

describe('a number range in a question', () => {
  it('is a focus term a text supports however it joins the numbers', () => {
    const analysis = {
      question: 'What will Russia achieve in the next 12 to 18 years?',
      normalized: 'What will Russia achieve in the next 12 to 18 years?',
      lang: 'en',
      translations: [],
    }
    const range = questionFocus(analysis as never, () => []).terms.find((t) => t.text === '12-18')
    expect(range).toBeDefined()
    for (const text of ['未来 12~18 年间', '未来12-18年', '12 至 18 年', '12—18年']) expect(supportsTerm(text, telling(range!))).toBe(true)
    expect(supportsTerm('未来 18 年', telling(range!))).toBe(false)
    expect(range!.kind).not.toBe('number')
  })
})

describe('an answer quoting a reserve passage', () => {
  it('lists the passages it rests on and the reserve ones it cites, numbered in the order it cites them', async () => {
    const { answerOnce } = await import('../../lib/answer/answer')
    const { Retriever } = await import('../../lib/retrieve/retriever')
    const { CACHE_DIR, ingestBuiltin } = await import('../helpers')
    const retriever = await Retriever.open({ INDEX_DIR: await ingestBuiltin(), CACHE_DIR, EMBEDDER: 'builtin-cedict' })
    // with one passage to rest on, the range the question names is in a passage retrieved after it
    const question = 'What does Russia plan for the next 10 to 15 years?'
    const { answer } = await answerOnce(question, [], { retriever, k: 1 })
    expect(answer.abstained).toBe(false)
    // (the one passage it rests on does not give the range: the first citation is a reserve passage, numbered 1)
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1))
    const first = answer.passages[answer.citations[0].n - 1]
    expect(first.text.replace(/\s+/g, '')).toContain('10~15年间')
    for (const c of answer.citations) expect(answer.passages[c.n - 1]?.chunkId).toBe(c.chunkId)
    expect(answer.passages.length).toBeLessThanOrEqual(1 + answer.citations.length)
    expect(answer.answer).toContain('[1]')
  }, 60_000)
})

describe('a declined question', () => {
  const note = (n: number, plain: string): CitedPassage => ({ ...citedPassage(n, plain, '注释'), kind: 'reference' })
  const declined = (citationQuestion: boolean) =>
    extractiveAnswer({
      analysis: { question: '非洲的情况如何？', normalized: '非洲的情况如何？', lang: 'zh' } as QueryAnalysis,
      focus: { terms: [{ text: '非洲', forms: ['非洲'], kind: 'name', weight: 2 }], wants: 'other', anaphora: false },
      evidence: { score: 0.1, missing: [{ text: '非洲', forms: ['非洲'], kind: 'name', weight: 2 }], typeUnmet: false },
      passages: [
        note(1, '外交部:《联合声明》,2023年9月8日。'),
        passage(2, '俄罗斯的科技战略重视国际合作。'),
        note(3, 'Ibid.'),
        citedPassage(4, '中俄合作平台不断完善。', '二、平台'),
        citedPassage(5, '合作平台的数量逐年增加。', '二、平台'),
      ],
      citationQuestion,
      ...flatVectors,
      senses: () => [],
    })

  it('offers the text passages as possibly related, not bare note entries', async () => {
    const result = await declined(false)
    expect(result.abstained).toBe(true)
    expect(result.text).toContain('文献中没有提到非洲')
    // (each section once: passage 5 would repeat section 二 after passage 4)
    expect(result.cited).toEqual([2, 4])
    expect(result.text).toMatch(/- T — 二、平台: “中俄合作平台不断完善。” \[4\]/)
  })

  it('offers note entries too when the question asks which source is cited', async () => {
    expect((await declined(true)).cited).toEqual([1, 2, 3])
  })
})

describe('a name the first passages lack', () => {
  const focus: QuestionFocus = {
    terms: [
      { text: 'GLONASS', forms: ['格洛纳斯'], kind: 'name', weight: 2 },
      { text: '中俄', forms: ['中俄'], kind: 'name', weight: 2 },
    ],
    wants: 'other',
    anaphora: false,
  }
  const found = (rank: number, text: string): Passage => ({ ...citedPassage(rank, text), rank, score: 1 / rank })
  // a note entry is read with the sentence citing it, as the answerer reads it
  const citing: Record<string, string> = { c5: '中俄将开展格洛纳斯系统应用合作。' }
  const asEvidence = (p: Passage) => ({ text: p.text, ...(citing[p.chunkId] ? { entry: true, context: citing[p.chunkId] } : {}) })
  const read = (p: Passage) => evidenceReading(asEvidence(p))
  const assess = (results: Passage[]) => assessEvidence(focus, results.map(asEvidence))
  const first = (results: Passage[], reserve: Passage[]) => ({
    search: { query: 'q', lang: 'en' as const, results, confidence: 1, analysis: {} as QueryAnalysis },
    reserve,
    evidence: assess(results),
  })
  const ids = (passages: Passage[]) => passages.map((p) => p.chunkId)
  const k = [found(1, '中俄科技合作不断深化。'), found(2, '中俄两国将举办能源论坛。')]

  it('is looked for in the reserve: a passage there that has it with the rest of the focus takes the last place', () => {
    const reserve = [found(3, '韩国与俄罗斯加强对话。'), found(4, '中俄将开展格洛纳斯系统的推广等合作。')]
    const chosen = withMissingFromReserve(first(k, reserve), focus, assess, read)
    expect(chosen.evidence.missing).toEqual([])
    expect(ids(chosen.search.results)).toEqual(['c1', 'c4'])
    expect(ids(chosen.reserve)).toEqual(['c2', 'c3'])
  })

  it('is read in a reserve note entry together with the sentence citing it', () => {
    const chosen = withMissingFromReserve(first(k, [found(5, 'Roscosmos, “GLONASS programme”, 2021.')]), focus, assess, read)
    expect(chosen.evidence.missing).toEqual([])
    expect(ids(chosen.search.results)).toEqual(['c1', 'c5'])
  })

  it('is not taken from a reserve passage that lacks what the others carry', () => {
    const chosen = withMissingFromReserve(first(k, [found(3, '俄罗斯的格洛纳斯系统。')]), focus, assess, read)
    expect(chosen.evidence.missing.map((t) => t.text)).toEqual(['GLONASS'])
    expect(ids(chosen.search.results)).toEqual(['c1', 'c2'])
  })
})

describe('the excerpt of a related passage', () => {
  it('starts at the clause where a telling term of the question appears, when that is far into the sentence', async () => {
    const long = '与此同时，双方启动制定中长期科技创新合作路线图，积极落实多年的创新合作工作计划，正式设立联合科技创新基金，大科学项目进入实质性合作阶段。'
    const result = await extractiveAnswer({
      analysis: { question: '联合基金有多少钱？', normalized: '联合基金有多少钱？', lang: 'zh' } as QueryAnalysis,
      focus: { terms: [{ text: '基金', forms: ['基金'], kind: 'term', weight: 1 }], wants: 'money', anaphora: false },
      evidence: { score: 0.8, missing: [], typeUnmet: true },
      passages: [citedPassage(1, long, '二、合作'), citedPassage(2, '双方的合作不断深化。', '一、概况')],
      citationQuestion: false,
      ...flatVectors,
      senses: () => [],
    })
    expect(result.text).toContain('文献中没有给出基金的金额。')
    expect(result.text).toContain('- T — 二、合作: “…正式设立联合科技创新基金')
  })
})
