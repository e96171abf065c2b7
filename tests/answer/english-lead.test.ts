import { describe, expect, it } from 'vitest'
import { extractiveAnswer } from '../../lib/answer/extractive'
import type { QueryAnalysis, QuestionFocus } from '../../lib/retrieve/analyze'
import { citedPassage, flatVectors } from './passage-fixture'

describe("an English answer's lead", () => {
  it('glosses only the focus terms the quote has as the scoring reads them (第 2 is not in 第 22)', async () => {
    const plain = '2025 年，两国将举办第 22 次能源合作委员会会议。'
    const passage = citedPassage(1, plain, '一、能源')
    const focus: QuestionFocus = {
      terms: [
        { text: 'energy', forms: ['能源'], kind: 'term', weight: 1 },
        { text: 'next', forms: ['第二', '第2', '第 2'], kind: 'term', weight: 1 },
      ],
      wants: 'other',
      anaphora: false,
    }
    const answer = await extractiveAnswer({
      analysis: { question: 'What energy meeting comes next?', normalized: 'What energy meeting comes next?', lang: 'en' } as QueryAnalysis,
      focus,
      evidence: { score: 1, missing: [], typeUnmet: false },
      passages: [passage],
      citationQuestion: false,
      ...flatVectors,
      senses: () => [],
    })
    expect(answer.text).toContain('on 能源')
    expect(answer.text).not.toContain('第 2 (')
  })

  it('leaves out a Chinese focus word with no English to show (no "一版 (一版)")', async () => {
    const plain = '新版构想于 2019 年出台，上一版颁布于 2000 年。'
    const focus: QuestionFocus = {
      terms: [
        { text: '构想', forms: ['构想'], kind: 'term', weight: 1 },
        { text: '一版', forms: ['一版'], kind: 'term', weight: 1 },
      ],
      wants: 'other',
      anaphora: false,
    }
    const answer = await extractiveAnswer({
      analysis: { question: 'And the new one?', normalized: 'And the new one?', lang: 'en' } as QueryAnalysis,
      focus,
      evidence: { score: 1, missing: [], typeUnmet: false },
      passages: [citedPassage(1, plain, '一、政策')],
      citationQuestion: false,
      ...flatVectors,
      senses: (w) => (w === '构想' ? ['concept'] : []),
    })
    expect(answer.text).toContain('on 构想 (concept)')
    expect(answer.text).not.toContain('一版 (')
  })
})

describe('a decline for "which university"', () => {
  it("says no university is named, in the asker's language, without calling the kind a topic", async () => {
    const focus: QuestionFocus = {
      terms: [
        { text: 'university', forms: ['大学', '高校'], kind: 'term', weight: 1 },
        { text: 'offshore', forms: ['离岸'], kind: 'term', weight: 1.5 },
      ],
      wants: 'institution',
      unit: 'university',
      anaphora: false,
    }
    const decline = async (question: string, lang: 'en' | 'zh') =>
      (
        await extractiveAnswer({
          analysis: { question, normalized: question, lang } as QueryAnalysis,
          focus,
          evidence: { score: 1, missing: [], typeUnmet: true },
          passages: [citedPassage(1, '设立离岸创新中心，与大学合作。', '一、平台')],
          citationQuestion: false,
          ...flatVectors,
          senses: () => [],
        })
      ).text
    expect(await decline('Which university runs the offshore centre?', 'en')).toMatch(/^The documents give no name of a university for offshore \(离岸\)\./)
    focus.terms[1] = { text: '离岸', forms: ['离岸'], kind: 'term', weight: 1.5 }
    expect(await decline('哪所大学运营离岸创新中心？', 'zh')).toMatch(/^文献中没有给出离岸的大学名称。/)
  })
})

describe('a decline for a name the passages lack', () => {
  const japan = { text: '日本', forms: ['日本', 'japan'], kind: 'name' as const, weight: 2 }
  const decline = async (mentions: (term: string) => boolean) =>
    (
      await extractiveAnswer({
        analysis: { question: '日本如何与俄罗斯开展核能合作？', normalized: '日本如何与俄罗斯开展核能合作？', lang: 'zh' } as QueryAnalysis,
        focus: { terms: [japan], wants: 'other', anaphora: false },
        evidence: { score: 1, missing: [japan], typeUnmet: false },
        passages: [citedPassage(1, '俄罗斯在核能技术领域拥有雄厚实力。', '一、核能')],
        citationQuestion: false,
        ...flatVectors,
        senses: () => [],
        mentions,
      })
    ).text
  it('says the documents do not mention it only when the library has it nowhere', async () => {
    expect(await decline(() => false)).toMatch(/^文献中没有提到日本。/)
    expect(await decline((t) => t === '日本')).toMatch(/^与问题相关的段落中没有提到日本。/)
  })
})

describe('what an English answer says its leading quote gives', () => {
  const answerWith = async (plain: string) =>
    (
      await extractiveAnswer({
        analysis: { question: 'When was the concept adopted?', normalized: 'When was the concept adopted?', lang: 'en' } as QueryAnalysis,
        focus: { terms: [{ text: 'concept', forms: ['构想'], kind: 'term', weight: 1 }], wants: 'date', anaphora: false },
        evidence: { score: 1, missing: [], typeUnmet: false },
        passages: [citedPassage(1, plain, '一、政策')],
        citationQuestion: false,
        ...flatVectors,
        senses: () => [],
      })
    ).text.split('\n')[0]

  it('states a single date in English, cited to the quote', async () => {
    expect(await answerWith('新版构想于 2019 年 2 月出台。')).toBe('The passage gives: February 2019 (2019 年 2 月) [1]')
  })

  it('says nothing of its own when the quote gives several dates: it cannot tell which answers', async () => {
    expect(await answerWith('新版构想于 2019 年 2 月出台，上一版构想颁布于 2000 年 1 月。')).toMatch(/^- Under/)
  })
})
