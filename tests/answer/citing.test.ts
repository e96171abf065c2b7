import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerOnce } from '../../lib/answer/answer'
import { extractiveAnswer } from '../../lib/answer/extractive'
import type { CitedPassage } from '../../lib/answer/passages'
import { createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import type { QueryAnalysis, QuestionFocus } from '../../lib/retrieve/analyze'
import { Retriever } from '../../lib/retrieve/retriever'
import { CACHE_DIR, tempDir } from '../helpers'
import { citedPassage, flatVectors } from './passage-fixture'

async function indexOf(text: string): Promise<Retriever> {
  const corpus = tempDir('corpus-')
  writeFileSync(join(corpus, 'chips.txt'), text)
  const indexDir = join(tempDir('index-'), 'index')
  await ingest({ corpusDir: corpus, indexDir, embedderId: 'builtin-cedict', makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: CACHE_DIR }) })
  return Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR, EMBEDDER: 'builtin-cedict' })
}

describe('a note entry in another language than the question', () => {
  it('is cited for what the sentence carrying its marker says', async () => {
    const retriever = await indexOf(
      '中美科技竞争\n\n一、出口管制\n\n美国推动盟友限制对华芯片设备出口。^①双方的贸易摩擦持续加剧。\n\n^① Jane Doe, “Allies Asked to Curb Exports,” Reuters, March 1, 2024.',
    )
    const { answer, passages } = await answerOnce('关于美国推动盟友限制芯片设备出口，文章引用了哪篇报道？', [], { retriever })
    expect(answer.abstained).toBe(false)
    expect(passages[answer.citations[0].n - 1].text).toContain('Jane Doe')
  })
})

describe('a note entry answering a question that does not ask for sources', () => {
  it('comes after the sentence citing it, which says what the text makes of it', async () => {
    const retriever = await indexOf(
      '中美科技竞争\n\n一、出口管制\n\n美国商务部长称新的出口限制是“一项长期安排”。^①双方的贸易摩擦持续加剧。\n\n^① Jane Doe, “Commerce Secretary Says Export Limits Are Long-Term,” Reuters, June 21, 2024.',
    )
    const { answer, passages } = await answerOnce('What did the Commerce Secretary say about the export limits?', [], { retriever })
    expect(passages[answer.citations[0].n - 1].text).toContain('一项长期安排')
    // a question asking when the source appeared is answered by the note itself
    const when = await answerOnce('When did Reuters report that the export limits are long-term?', [], { retriever })
    expect(when.answer.passages[when.answer.citations[0].n - 1].text).toContain('Jane Doe')
  })
})

describe('a note entry read with the sentence citing it', () => {
  const citing = '部长称新关税是一项长期安排。'
  const passages: CitedPassage[] = [
    { ...citedPassage(1, 'Jane Doe, “Secretary Says Tariffs Are Strategic,” Reuters, 2024.', '注释'), kind: 'reference', citedBy: 2, citingSentence: citing },
    citedPassage(2, citing),
  ]
  // 关税 in both, 新 only in the citing sentence, strategic only in the entry
  const focus: QuestionFocus = {
    terms: [
      { text: 'tariffs', forms: ['关税', 'tariff'], kind: 'term', weight: 1 },
      { text: 'new', forms: ['新'], kind: 'term', weight: 1 },
      { text: 'strategic', forms: ['strateg'], kind: 'term', weight: 1 },
    ],
    wants: 'other',
    anaphora: false,
  }
  const first = async (question: string, citationQuestion: boolean) =>
    (
      await extractiveAnswer({
        analysis: { question, normalized: question, lang: 'en' } as QueryAnalysis,
        focus,
        evidence: { score: 1, missing: [], typeUnmet: false },
        passages,
        citationQuestion,
        ...flatVectors,
        senses: () => [],
      })
    ).quotes[0].n

  it('is read alone when the question asks what the text says, and with it when it asks for a source', async () => {
    expect(await first('What did the secretary call the new strategic tariffs?', false)).toBe(2)
    expect(await first('Which source is cited for the new strategic tariffs?', true)).toBe(1)
  })
})

describe('a note entry that does not give the kind of answer asked for', () => {
  const citing = '根据两国签署的联合声明，技术领域被列为八个重点领域之一。'
  const passages: CitedPassage[] = [
    { ...citedPassage(1, '外交部:《关于经济合作重点方向的联合声明》,2023年3月22日。', '注释'), kind: 'reference', citedBy: 2, citingSentence: citing },
    citedPassage(2, '两国的贸易摩擦持续加剧。'),
  ]
  const terms = [
    { text: 'joint statement', forms: ['联合声明'], kind: 'term' as const, weight: 1 },
    { text: 'economic', forms: ['经济'], kind: 'term' as const, weight: 1 },
  ]
  const quotes = async (wants: QuestionFocus['wants']) =>
    (
      await extractiveAnswer({
        analysis: { question: 'q', normalized: 'q', lang: 'en' } as QueryAnalysis,
        focus: { terms, wants, anaphora: false },
        evidence: { score: 1, missing: [], typeUnmet: false },
        passages,
        citationQuestion: false,
        ...flatVectors,
        senses: () => [],
      })
    ).quotes.map((q) => q.quote)

  it('stands behind the sentence citing it that does (one of how many areas: 八个重点领域之一)', async () => {
    expect((await quotes('number'))[0]).toBe(citing)
    expect((await quotes('number'))[1]).toContain('外交部')
    // a question the entry answers as well as the sentence keeps the entry first
    expect((await quotes('other'))[0]).toContain('外交部')
  })
})
