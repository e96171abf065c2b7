import { describe, expect, it } from 'vitest'
import { asksWhatAuthorIs, BYLINE_SECTION, withoutPositionWords } from '../../lib/answer/byline'
import { extractiveAnswer } from '../../lib/answer/extractive'
import type { CitedPassage } from '../../lib/answer/passages'
import type { QueryAnalysis, QuestionFocus } from '../../lib/retrieve/analyze'
import { citedPassage, flatVectors } from './passage-fixture'

const note = (n: number, text: string, citedBy?: number): CitedPassage => ({
  ...citedPassage(n, text.replace(/^[*①]+\s*/, ''), '注释'),
  kind: 'reference',
  text,
  ...(citedBy !== undefined ? { citedBy, citingSentence: '王明认为双方的合作前景广阔。' } : {}),
})

describe('a note on the article and its authors (marked * or ** on the title or byline)', () => {
  const focus: QuestionFocus = { terms: [{ text: '王明', forms: ['王明'], kind: 'name', weight: 2 }], wants: 'other', anaphora: false }
  const passages = [
    citedPassage(1, '论中俄合作\n王明 李华\n某大学国际关系研究院', BYLINE_SECTION),
    note(2, '① 王明:《论合作前景》,载《当代世界》,2024年第05期。', 4),
    note(3, '** 王明，某大学国际关系研究院副研究员；李华，某大学社会科学学院博士研究生。'),
    citedPassage(4, '王明认为双方的合作前景广阔。'),
  ]
  const answer = (question: string, lang: 'zh' | 'en', authorQuestion = false) =>
    extractiveAnswer({
      authorQuestion,
      analysis: { question, normalized: question, lang } as QueryAnalysis,
      focus,
      evidence: { score: 1, missing: [], typeUnmet: false },
      passages,
      citationQuestion: false,
      bylineQuestion: true,
      ...flatVectors,
      senses: () => [],
    })

  it('answers with the byline about an author: their position is in it', async () => {
    expect((await answer('王明是做什么的？', 'zh')).cited).toEqual([1, 3])
  })

  it('leads with the note on the authors when asked what an author is (their position is there, not in the byline)', async () => {
    expect((await answer('王明的职称是什么？', 'zh', true)).cited).toEqual([3, 1])
  })

  it('is led in English as a note on the article, not as a cited source', async () => {
    const { text } = await answer('What does Wang Ming do?', 'en')
    expect(text).toContain('A note on the article and its authors')
    expect(text).not.toContain('A note of the source')
  })
})

describe('asking what an author is', () => {
  it("is a question about a named author's position or studies, whose asking words are no focus terms", () => {
    expect(asksWhatAuthorIs('王明的职称是什么？', true)).toBe(true)
    expect(asksWhatAuthorIs('李华是读什么的？', true)).toBe(true)
    expect(asksWhatAuthorIs("What is Wang Ming's academic rank?", true)).toBe(true)
    // (a topic word is no question about the author: "the role of universities")
    expect(asksWhatAuthorIs('What does Wang say about the role of universities?', true)).toBe(false)
    // (not when no author of the library is named: the text says what a minister's post is)
    expect(asksWhatAuthorIs("What is the minister's position?", false)).toBe(false)
    const focus: QuestionFocus = {
      terms: [
        { text: '王明', forms: ['王明'], kind: 'name', weight: 2 },
        { text: '职称', forms: ['职称'], kind: 'term', weight: 1.5, absent: true },
      ],
      wants: 'other',
      anaphora: false,
    }
    expect(withoutPositionWords(focus, '王明的职称是什么？', true).terms.map((t) => t.text)).toEqual(['王明'])
    expect(withoutPositionWords(focus, '王明的职称是什么？', false).terms).toHaveLength(2)
  })
})
