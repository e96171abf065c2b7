import { describe, expect, it } from 'vitest'
import { containsTerm, supportsTerm, withArabicOrdinals } from '../../lib/retrieve/analyze'
import { citedPassage, flatVectors } from './passage-fixture'

describe('an ordinal in the question', () => {
  it('is found however the text writes it: 第一 is also 第1 and 第 1', () => {
    const forms = withArabicOrdinals(['首先', '第一', 'first'])
    const first = { text: 'first', forms, kind: 'term' as const, weight: 1 }
    expect(supportsTerm('第 1 组：出台了单独的国际科技合作战略文件的国家。', first)).toBe(true)
    expect(supportsTerm('第1阶段已经完成。', first)).toBe(true)
    expect(supportsTerm('第 2 组：出台了区域性科技合作文件的国家。', first)).toBe(false)
  })

  it('adds nothing to words that are no ordinals', () => {
    expect(withArabicOrdinals(['属于', '归属'])).toEqual(['属于', '归属'])
    expect(withArabicOrdinals(['第三', '第三方'])).toEqual(['第三', '第三方', '第3', '第 3'])
  })
})

describe('a term ending in a digit', () => {
  it('is not part of a longer number: 第 1 is not 第 14', () => {
    expect(containsTerm('第 14—15 页', '第 1')).toBe(false)
    expect(containsTerm('第 14—15 页，第 1 组', '第 1')).toBe(true)
    expect(containsTerm('2024 年', '2024')).toBe(true)
  })
})

type Term = { text: string; forms: string[]; kind: 'term'; weight: number }

/** The offline answer to a question over one passage whose whole focus it supports. */
async function answerOver(question: string, terms: Term[], plain: string) {
  const { extractiveAnswer } = await import('../../lib/answer/extractive')
  return extractiveAnswer({
    analysis: { question, normalized: question, lang: 'zh' } as never,
    focus: { terms, wants: 'other', anaphora: false },
    evidence: { score: 1, missing: [], typeUnmet: false },
    passages: [citedPassage(1, plain)],
    citationQuestion: false,
    ...flatVectors,
    senses: () => [],
  })
}

describe('a sentence under a numbered item of a list', () => {
  it('does not lead an answer about another item (第 2 组 for "the first group")', async () => {
    const plain =
      '俄罗斯把国家分为三组。第 1 组：出台了单独的战略文件的国家（德国、英国等）。第 2 组：出台了区域性文件的国家。本组国家首先出台国际科技合作战略文件，组织合作。'
    const terms: Term[] = [
      { text: 'first', forms: withArabicOrdinals(['第一', '首先']), kind: 'term', weight: 1 },
      { text: 'group', forms: ['组'], kind: 'term', weight: 0.5 },
      { text: 'strategy', forms: ['战略'], kind: 'term', weight: 1 },
      { text: 'cooperation', forms: ['合作'], kind: 'term', weight: 1 },
    ]
    const answer = await answerOver('Which countries are in the first group?', terms, plain)
    expect(answer.quotes[0].quote).toContain('第 1 组')
    expect(answer.quotes.some((q) => q.quote.startsWith('本组'))).toBe(false)
  })
})

describe('a list the text gives clause by clause (一是……；二是……；三是……)', () => {
  it('is quoted whole: the first item alone answers a third of "what are the three trends"', async () => {
    const plain = '国际合作很重要。近年来，科技领域表现出三个主要趋势：一是整合过程的新形式得以确立；二是发展议程正在形成；三是研究基础设施正在构建。其他内容。'
    const terms: Term[] = [
      { text: '趋势', forms: ['趋势'], kind: 'term', weight: 1 },
      { text: '领域', forms: ['领域'], kind: 'term', weight: 1 },
    ]
    const answer = await answerOver('科技领域有哪几个趋势？', terms, plain)
    expect(answer.quotes[0].quote).toBe('近年来，科技领域表现出三个主要趋势：一是整合过程的新形式得以确立；二是发展议程正在形成；三是研究基础设施正在构建。')
  })
})
