import { describe, expect, it } from 'vitest'
import { extractiveAnswer } from '../../lib/answer/extractive'
import type { CitedPassage } from '../../lib/answer/passages'
import type { QueryAnalysis, QuestionFocus } from '../../lib/retrieve/analyze'
import { flatVectors } from './passage-fixture'

const passage = (n: number, kind: 'passage' | 'reference', plain: string, citingSentence?: string): CitedPassage =>
  ({
    n,
    chunkId: `c${n}`,
    docId: 'd',
    title: 'T',
    section: kind === 'reference' ? '注释' : '一、论坛',
    kind,
    text: plain,
    plain,
    start: 0,
    end: plain.length,
    matched: [],
    ...(citingSentence ? { citingSentence } : {}),
  }) as CitedPassage

describe('an English note entry in an answer to "where"', () => {
  const focus: QuestionFocus = {
    terms: [
      { text: '论坛', forms: ['论坛'], kind: 'name', weight: 2 },
      { text: '举办', forms: ['举办'], kind: 'term', weight: 1, event: true },
    ],
    wants: 'place',
    anaphora: false,
  }
  const citing = '2024 年能源论坛提出了新的合作计划，双方将扩大合作。'
  // two entries cited for the same sentence: the one whose title names a place answers "where"
  const passages = [
    passage(1, 'reference', 'Jane Doe, “Energy Forum Report,” July 1, 2024.', citing),
    passage(2, 'reference', 'Jane Doe, “The 2024 Energy Forum in Springfield,” July 1, 2024.', citing),
  ]
  const answer = (placeName?: (english: string) => string | undefined) =>
    extractiveAnswer({
      analysis: { question: '2024年能源论坛在哪里举办？', normalized: '2024年能源论坛在哪里举办？', lang: 'zh' } as QueryAnalysis,
      focus,
      evidence: { score: 1, missing: [], typeUnmet: false },
      passages,
      citationQuestion: false,
      ...flatVectors,
      senses: (w) => (w === '春田' ? ['Springfield'] : []),
      placeName,
    })

  it('leads when its title names the place, for what its citing sentence says', async () => {
    expect((await answer((english) => (english === 'springfield' ? '春田' : undefined))).quotes[0].n).toBe(2)
    // (without a dictionary that knows the place, the first entry leads)
    expect((await answer()).quotes[0].n).toBe(1)
  })
})
