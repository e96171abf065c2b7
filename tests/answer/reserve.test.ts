import { describe, expect, it } from 'vitest'
import { extractiveAnswer } from '../../lib/answer/extractive'
import type { CitedPassage } from '../../lib/answer/passages'
import { type QueryAnalysis, type QuestionFocus, questionFocus, rangeForms, supportsTerm, telling } from '../../lib/retrieve/analyze'
import { citedPassage } from './passage-fixture'

const passage = (n: number, plain: string) => citedPassage(n, plain)

const focus: QuestionFocus = {
  terms: [
    { text: '俄罗斯', forms: ['俄罗斯'], kind: 'name', weight: 2 },
    { text: '战略', forms: ['战略'], kind: 'term', weight: 1 },
    { text: '10-15', forms: rangeForms('10', '15'), kind: 'term', weight: 2 },
  ],
  wants: 'other',
  anaphora: false,
}

const answer = (passages: CitedPassage[], reserve: CitedPassage[]) =>
  extractiveAnswer({
    analysis: { question: '俄罗斯战略提出未来10~15年实现什么？', normalized: '俄罗斯战略提出未来10~15年实现什么？', lang: 'zh' } as QueryAnalysis,
    focus,
    evidence: { score: 1, missing: [], typeUnmet: false },
    passages,
    reserve,
    citationQuestion: false,
    embedDocuments: async (texts) => texts.map(() => new Float32Array(2)),
    queryVector: new Float32Array(2),
    senses: () => [],
  })

describe('the reserve passages', () => {
  const main = [passage(1, '俄罗斯的科技战略重视国际合作，强调开放与互利共赢的原则。')]

  it('lead the answer when a sentence there carries clearly more of the focus', async () => {
    const result = await answer(main, [passage(2, '俄罗斯战略提出，俄罗斯计划在未来 10~15 年间实现科技发展的七大转变。')])
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
      question: 'What will Russia achieve in the next 10 to 15 years?',
      normalized: 'What will Russia achieve in the next 10 to 15 years?',
      lang: 'en',
      translations: [],
    }
    const range = questionFocus(analysis as never, () => []).terms.find((t) => t.text === '10-15')
    expect(range).toBeDefined()
    for (const text of ['未来 10~15 年间', '未来10-15年', '10 至 15 年', '10—15年']) expect(supportsTerm(text, telling(range!))).toBe(true)
    expect(supportsTerm('未来 15 年', telling(range!))).toBe(false)
    expect(range!.kind).not.toBe('number')
  })
})

describe('an answer quoting a reserve passage', () => {
  it('lists the passages through the one it cites, and every citation points into them', async () => {
    const { answerOnce } = await import('../../lib/answer/answer')
    const { Retriever } = await import('../../lib/retrieve/retriever')
    const { CACHE_DIR, ingestBuiltin } = await import('../helpers')
    const retriever = await Retriever.open({ INDEX_DIR: await ingestBuiltin(), CACHE_DIR, EMBEDDER: 'builtin-cedict' })
    // with one passage to rest on, the range the question names is in a passage retrieved after it
    const question = 'What does the strategy say Russia intends to achieve in the coming 10 to 15 years?'
    const { answer } = await answerOnce(question, [], { retriever, k: 1 })
    expect(answer.abstained).toBe(false)
    expect(answer.citations[0].n).toBeGreaterThan(1)
    const first = answer.passages[answer.citations[0].n - 1]
    expect(first.text.replace(/\s+/g, '')).toContain('10~15年间')
    for (const c of answer.citations) expect(answer.passages[c.n - 1]?.chunkId).toBe(c.chunkId)
    expect(answer.passages.length).toBe(Math.max(1, ...answer.citations.map((c) => c.n)))
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
        note(1, '外交部:《联合声明》,2024年5月16日。'),
        passage(2, '俄罗斯的科技战略重视国际合作。'),
        note(3, 'Ibid.'),
        passage(4, '中俄合作平台不断完善。'),
      ],
      citationQuestion,
      embedDocuments: async (texts) => texts.map(() => new Float32Array(2)),
      queryVector: new Float32Array(2),
      senses: () => [],
    })

  it('offers the text passages as possibly related, not bare note entries', async () => {
    const result = await declined(false)
    expect(result.abstained).toBe(true)
    expect(result.text).toContain('文献中没有提到非洲')
    expect(result.cited).toEqual([2, 4])
  })

  it('offers note entries too when the question asks which source is cited', async () => {
    expect((await declined(true)).cited).toEqual([1, 2, 3])
  })
})

describe('a name the first passages lack', () => {
  it('is looked for in the reserve: a passage there that has it with the rest of the focus takes the last place', async () => {
    const { answerOnce } = await import('../../lib/answer/answer')
    const { Retriever } = await import('../../lib/retrieve/retriever')
    const { CACHE_DIR, ingestBuiltin } = await import('../helpers')
    const retriever = await Retriever.open({ INDEX_DIR: await ingestBuiltin(), CACHE_DIR, EMBEDDER: 'builtin-cedict' })
    const question = 'What will China and Russia do with GLONASS?'
    const { results } = await retriever.search(question, 10)
    const at = results.findIndex((p) => p.text.includes('格洛纳斯'))
    // (the passage naming it ranks below the first four, passages about China and Russia in general, and among the four after them)
    expect(at).toBeGreaterThanOrEqual(4)
    expect(at).toBeLessThan(8)
    const { answer, evidence } = await answerOnce(question, [], { retriever, k: 4 })
    expect(evidence.missing).toEqual([])
    expect(answer.abstained).toBe(false)
    expect(answer.passages[answer.citations[0].n - 1].text).toContain('格洛纳斯')
  }, 60_000)
})
