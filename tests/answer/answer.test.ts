import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { answerOnce, contextualizeOffline } from '../../lib/answer/answer'
import { bigramSimilarity } from '../../lib/answer/extractive'
import { createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import { isCitationQuestion, questionFocus } from '../../lib/retrieve/analyze'
import { Retriever } from '../../lib/retrieve/retriever'
import { CACHE_DIR, tempDir } from '../helpers'

async function openIndex(corpusDir: string) {
  const indexDir = join(tempDir('index-'), 'index')
  await ingest({ corpusDir, indexDir, embedderId: 'builtin-cedict', makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: CACHE_DIR }) })
  return Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR, EMBEDDER: 'builtin-cedict' })
}

describe('extractive answerer', () => {
  let retriever: Retriever
  beforeAll(async () => {
    const corpus = tempDir('corpus-')
    writeFileSync(
      join(corpus, 'energy.txt'),
      '中俄能源合作\n\n一、油气贸易\n\n近年来，中俄能源合作不断深化。俄罗斯已经成为中国最大的原油供应国，双方的原油贸易规模持续扩大。\n\n二、天然气管道\n\n东线天然气管道于2019年投产，输气量逐年增加。双方还在讨论新的管道项目。',
    )
    writeFileSync(
      join(corpus, 'farm.txt'),
      '中俄农业合作\n\n中国从俄罗斯进口的大豆和小麦逐年增加，农产品贸易成为双边贸易的新亮点。两国在远东地区开展农业投资合作。',
    )
    retriever = await openIndex(corpus)
  })

  it('quotes the best sentences with citations for a Chinese question', async () => {
    const { answer, passages } = await answerOnce('俄罗斯是中国最大的什么供应国？', [], { retriever })
    expect(answer).toMatchObject({ mode: 'extractive', abstained: false, lang: 'zh' })
    expect(answer.answer).toContain('俄罗斯已经成为中国最大的原油供应国')
    const cited = passages.filter((p) => p.cited)
    expect(cited[0].docId).toBe('energy')
    expect(answer.citations[0]).toMatchObject({ n: cited[0].n, docId: 'energy' })
    expect(answer.answer).toContain(`[${cited[0].n}]`)
    // numbered as the answer cites them: 1, 2, … with no gaps
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1))
    // the viewer marks the quoted sentence: the cited passage carries where it stands in the document
    const doc = retriever.index.document('energy')!
    expect(doc.text.slice(cited[0].quote!.start, cited[0].quote!.end)).toBe(answer.citations[0].quote)
    expect(answer.citations[0].quote).toContain('俄罗斯已经成为中国最大的原油供应国')
  })

  it('answers an English question with an English lead from the glossed focus terms, the answering sentence first', async () => {
    const { answer } = await answerOnce('When did the natural gas pipeline start operating?', [], { retriever })
    expect(answer.abstained).toBe(false)
    const [given, first] = answer.answer.split('\n')
    // (what the quote gives first, in words an English reader reads, cited to it)
    expect(given).toMatch(/^The passage gives: 2019 \(2019年\) \[1\]$/)
    // (the Chinese heading with the gist of its words)
    expect(first).toMatch(/^- Under “二、天然气管道” \(natural gas; pipeline\), on .*天然气 \(natural gas/)
    expect(first).toContain('东线天然气管道于2019年投产')
  })

  it("declines a near-miss question, saying in the asker's language what the documents do not mention", async () => {
    const en = await answerOnce('How much did Kazakhstan invest in the natural gas pipeline?', [], { retriever })
    expect(en.answer.abstained).toBe(true)
    expect(en.answer.answer).toMatch(/^The documents do not mention Kazakhstan \(哈萨克斯坦\)\./)
    expect(en.answer.answer).toContain('Possibly related')
    const zh = await answerOnce('中俄原油贸易额是多少亿美元？', [], { retriever })
    expect(zh.answer.abstained).toBe(true)
    expect(zh.answer.answer).toMatch(/^文献中没有提到贸易额。\n\n可能相关的段落：\n- 中俄能源合作 — 一、油气贸易: “[^”]+” \[\d\]/)
    // asked for a figure the passages do not give, it says for what, and offers each section once
    const count = await answerOnce('How many pipelines were opened?', [], { retriever })
    expect(count.answer.abstained).toBe(true)
    expect(count.answer.answer).toMatch(/^The documents give no figure for pipelines \(管道\)\./)
    const sections = count.answer.answer
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.split(':')[0])
    expect(new Set(sections).size).toBe(sections.length)
    // the same question without the amount is answered
    const answered = await answerOnce('中俄原油贸易的规模有什么变化？', [], { retriever })
    expect(answered.answer.abstained).toBe(false)
    expect(answered.answer.answer).toContain('原油贸易规模持续扩大')
  })

  it('abstains in the question language and lists possibly related passages', async () => {
    const zh = await answerOnce('量子计算机的研发进展如何？', [], { retriever })
    expect(zh.answer).toMatchObject({ abstained: true })
    expect(zh.answer.answer).toMatch(/^(所检索的文献似乎没有回答这个问题|文献中没有提到)/)
    const en = await answerOnce('What did the football world cup final decide?', [], { retriever })
    expect(en.answer.abstained).toBe(true)
    expect(en.answer.answer).toMatch(/^The (indexed )?documents do not/)
    expect(en.answer.answer).toContain('Possibly related')
  })

  it('does not quote near-duplicate sentences twice', () => {
    expect(bigramSimilarity('双方的原油贸易规模持续扩大。', '双方原油贸易规模持续扩大。')).toBeGreaterThan(0.8)
    expect(bigramSimilarity('双方的原油贸易规模持续扩大。', '两国在远东地区开展农业投资合作。')).toBeLessThan(0.2)
  })

  it("treats a question as a follow-up only when it cannot stand alone, and keeps the asker's language", async () => {
    const history = [
      { role: 'user' as const, text: '中俄农业合作有哪些进展？' },
      { role: 'assistant' as const, text: '……' },
    ]
    const focus = (q: string) => questionFocus(retriever.analyze(q), (w) => retriever.dictionary.lookup(w))
    expect(contextualizeOffline('那么它的投资呢？', history, focus('那么它的投资呢？'))).toBe('中俄农业合作有哪些进展？ 那么它的投资呢？')
    expect(contextualizeOffline('东线天然气管道什么时候投产？', history, focus('东线天然气管道什么时候投产？'))).toBe('东线天然气管道什么时候投产？')
    // a follow-up of a follow-up takes its subject from the question before that one
    const chained = [...history, { role: 'user' as const, text: 'What about investment there?' }, { role: 'assistant' as const, text: '……' }]
    expect(contextualizeOffline('那么它的规模呢？', chained, focus('那么它的规模呢？'))).toBe(
      '中俄农业合作有哪些进展？ What about investment there? 那么它的规模呢？',
    )
    const { answer } = await answerOnce('What about investment there?', [{ role: 'user', text: 'How is agricultural cooperation going?' }], { retriever })
    expect(answer.citations.map((c) => c.docId)).toContain('farm')
    // a new question that merely starts with "why" is not glued to the previous one, and stays in English
    const why = await answerOnce('Why did the natural gas pipeline matter?', history, { retriever })
    expect(why.answer.lang).toBe('en')
    expect(why.answer.citations[0]?.docId).toBe('energy')
  })

  it('reads an English follow-up of a Chinese question with the earlier subject, answering in English', async () => {
    const history = [
      { role: 'user' as const, text: '中俄农业合作有哪些进展？' },
      { role: 'assistant' as const, text: '……' },
    ]
    // ("new" alone is a common word every passage may support: the question leans on the earlier one)
    const { answer } = await answerOnce('And what about the new ones?', history, { retriever })
    expect(answer.lang).toBe('en')
    expect(answer.abstained).toBe(false)
    expect(answer.citations[0]?.docId).toBe('farm')
  })
})

describe('citation lookup (offline)', () => {
  it('answers "which source is cited" with the footnote entry and the passage carrying its marker', async () => {
    const corpus = tempDir('corpus-')
    writeFileSync(
      join(corpus, 'space.txt'),
      [
        '中美科技竞争',
        '一、太空合作',
        '美国正在组建太空安全联盟，推动盟友共同开发太空态势感知技术。^①欧洲国家也加强了太空军事演习。^②',
        '二、出口管制',
        '美国推动盟友限制对华芯片设备出口，并召开了多次协调会议。^③',
        '^① 李华,王明:《太空联盟的新走向》,载《空间研究》,2024年第3期。',
        '^② Jane Doe, “Europe Steps Up Space Drills,” Reuters, May 2, 2024.',
        '^③ The White House, “FACT SHEET: The Export Control Partnership,” June 1, 2024.',
      ].join('\n\n'),
    )
    const retriever = await openIndex(corpus)
    expect(isCitationQuestion('Which source does the article cite for the space security alliance?')).toBe(true)
    expect(isCitationQuestion('这句话文章引的是哪篇报道？')).toBe(true)
    expect(isCitationQuestion('这一说法引自哪份文件？')).toBe(true)
    // the words an article quotes are asked for, not the work they come from, unless a source is named
    expect(isCitationQuestion('What English phrase does the article quote for how the US sees the region?')).toBe(false)
    expect(isCitationQuestion('Which source does the article quote for the phrase "shared future"?')).toBe(true)
    expect(isCitationQuestion('Which long-term study does the article quote?')).toBe(true)
    const { answer, passages } = await answerOnce('文中关于美国太空安全联盟的论述引用了哪篇文章？', [], { retriever })
    expect(answer.abstained).toBe(false)
    // every citation points into the answer's passages (the citing passage added for the footnote included)
    for (const c of answer.citations) expect(answer.passages[c.n - 1]).toMatchObject({ chunkId: c.chunkId, rank: c.n })
    const reference = passages.find((p) => p.cited && p.kind === 'reference')!
    expect(reference.text).toContain('李华,王明:《太空联盟的新走向》')
    expect(answer.answer).toContain('《空间研究》')
    // the citing passage is cited too and holds the marker of that footnote
    const citing = passages.find((p) => p.cited && p.kind === 'passage')!
    expect(reference.citedBy).toBe(citing.n)
    const doc = retriever.index.documents.find((d) => d.id === citing.docId)!
    const ref = doc.references.find((r) => r.text.startsWith('李华'))!
    expect(ref.citedAt.some((at) => at.start >= citing.start && at.end <= citing.end)).toBe(true)

    // a question about what is cited searches the notes as a list of their own
    const { results, analysis } = await retriever.search('Which White House fact sheet on export controls does the article cite?', 3)
    expect(analysis.citationIntent).toBe(true)
    expect(results[0]).toMatchObject({ kind: 'reference' })
    expect(results[0].text).toContain('FACT SHEET: The Export Control Partnership')
  })
})
