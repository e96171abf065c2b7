import { describe, expect, it } from 'vitest'
import { extractiveAnswer } from '../../lib/answer/extractive'
import type { QueryAnalysis, QuestionFocus } from '../../lib/retrieve/analyze'
import { flatVectors, citedPassage as passage } from './passage-fixture'

describe('a "why" question', () => {
  const focus: QuestionFocus = {
    terms: [
      { text: '技术转移', forms: ['技术转移'], kind: 'term', weight: 2 },
      { text: '企业', forms: ['企业'], kind: 'term', weight: 1 },
    ],
    wants: 'other',
    anaphora: false,
  }
  // both sentences carry the focus; only the second says what holds the transfer back
  const passages = [passage(1, '越来越多的企业参与技术转移项目，合作范围不断扩大。'), passage(2, '由于市场机制不健全，企业的技术转移周期过长。')]
  const lead = async (question: string) =>
    (
      await extractiveAnswer({
        analysis: { question, normalized: question, lang: 'zh' } as QueryAnalysis,
        focus,
        evidence: { score: 1, missing: [], typeUnmet: false },
        passages,
        citationQuestion: false,
        ...flatVectors,
        senses: () => [],
      })
    ).quotes[0].n

  it('leads with the sentence that gives a cause, though it ranks lower', async () => {
    expect(await lead('为什么企业的技术转移很难？')).toBe(2)
    expect(await lead('Why is technology transfer by companies hard?')).toBe(2)
  })

  it('leaves other questions to the passage order', async () => {
    expect(await lead('企业的技术转移情况如何？')).toBe(1)
  })
})
