import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerOnce, askedOfAnother } from '../../lib/answer/answer'
import { asksForByline, asksForCitedTitle, asksWhatAuthorIs, authorsNamed, bylinePassage, isBylineQuestion } from '../../lib/answer/byline'
import { createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import { questionFocus } from '../../lib/retrieve/analyze'
import { Retriever } from '../../lib/retrieve/retriever'
import { retrievalSource } from '../../lib/retrieve/source'
import { CACHE_DIR, tempDir } from '../helpers'

async function openCorpus(notes = '', more: Record<string, string> = {}) {
  const corpus = tempDir('corpus-')
  for (const [name, text] of Object.entries(more)) writeFileSync(join(corpus, name), text)
  writeFileSync(
    join(corpus, 'grain.txt'),
    `中俄粮食贸易的新动向\n\n李明华\n\n（中国社会科学院，北京　100732）\n\n近年来，中俄粮食贸易不断扩大，俄罗斯对华出口的小麦和大豆逐年增加。\n\n远东地区的农业投资也在增长，两国企业共建了多个农业园区。${notes}`,
  )
  const indexDir = join(tempDir('index-'), 'index')
  await ingest({ corpusDir: corpus, indexDir, embedderId: 'builtin-cedict', makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: CACHE_DIR }) })
  return Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR, EMBEDDER: 'builtin-cedict' })
}

describe('bylines', () => {
  it('knows questions about authorship and affiliation, and authors named in Chinese or pinyin', () => {
    expect(isBylineQuestion('Who wrote the article on grain trade?')).toBe(true)
    expect(isBylineQuestion('李明华在哪个单位工作？')).toBe(true)
    expect(isBylineQuestion('Where does Li Minghua work?')).toBe(true)
    expect(isBylineQuestion('李明华在哪里工作？')).toBe(true)
    expect(isBylineQuestion('他任职于何处？')).toBe(true)
    expect(isBylineQuestion('Where do China and Russia work together in the Arctic?')).toBe(false)
    expect(isBylineQuestion('中俄粮食贸易有哪些新动向？')).toBe(false)
    // the author as the one who says something: the question asks what the text says
    expect(isBylineQuestion('What does the author suggest to make talent flow both ways?')).toBe(false)
    expect(isBylineQuestion('According to the authors, what is the main risk?')).toBe(false)
    expect(isBylineQuestion('作者认为应该如何应对？')).toBe(false)
    // or does something: whom the authors thank is no byline question
    expect(isBylineQuestion('Who did the authors of the 2025 outlook on grain trade thank for their guidance?')).toBe(false)
    expect(isBylineQuestion('作者感谢了谁？')).toBe(false)
    expect(isBylineQuestion('Who are the authors of the 2025 outlook on grain trade?')).toBe(true)
    expect(isBylineQuestion('Who are the authors of the article that cites Putin?')).toBe(true)
    // "who is X" of a named author asks what they are; "who is thanked" asks a name
    expect(asksWhatAuthorIs('Who is Li Minghua?', true)).toBe(true)
    expect(asksWhatAuthorIs('李明华是谁？', true)).toBe(true)
    expect(asksWhatAuthorIs('Who is thanked in the Li article?', true)).toBe(false)
    expect(asksWhatAuthorIs('李明华的文章感谢的是谁？', true)).toBe(false)
    expect(isBylineQuestion('Who is the author of the article?')).toBe(true)
    expect(isBylineQuestion('这篇文章的作者是谁？')).toBe(true)
    // the title of a named author's document is in its byline; of another's work, in the note citing it
    expect(asksForByline("What is the title of Li Minghua's article?", true)).toBe(true)
    expect(asksForByline('李明华那篇文章的题目是什么？', true)).toBe(true)
    expect(asksForByline('布林肯那篇文章的题目是什么？', false)).toBe(false)
    expect(asksForCitedTitle('布林肯那篇文章的题目是什么？', false)).toBe(true)
    expect(asksForCitedTitle("What is the title of Li Minghua's article?", true)).toBe(false)
    const docs = [{ id: 'grain', authors: ['李明华'] }]
    expect(authorsNamed('Where does Li Minghua work?', docs)).toEqual([{ docId: 'grain', author: '李明华', asked: 'Li Minghua' }])
    expect(authorsNamed('李明华的观点是什么？', docs)[0]).toMatchObject({ docId: 'grain', asked: '李明华' })
    expect(authorsNamed('Who is Wang Li?', docs)).toEqual([])
    // by the family name alone, as English speakers name an article
    expect(authorsNamed('What does the Li article say about wheat?', docs)).toEqual([{ docId: 'grain', author: '李明华', asked: 'Li' }])
    expect(authorsNamed('What does Li recommend?', docs)).toHaveLength(1)
    expect(authorsNamed('Is lithium mentioned?', docs)).toEqual([])
    expect(authorsNamed('What did Professor Li find?', docs)).toHaveLength(1)
    expect(authorsNamed('Li-ion batteries in the Li dynasty?', docs)).toEqual([])
    // and as Chinese names an article, by its first author's family name: 李文 (李明华's article), not a co-author's
    const coauthored = [{ id: 'grain', authors: ['李明华', '王芳'] }]
    expect(authorsNamed('李文一开头提出了哪些问题？', coauthored)).toEqual([{ docId: 'grain', author: '李明华', asked: '李文' }])
    expect(authorsNamed('王文提出了哪些问题？', coauthored)).toEqual([])
  })

  it('answers who wrote a document and where the author works from its front matter, cited as a passage', async () => {
    const retriever = await openCorpus()
    const doc = retriever.index.document('grain')!
    const byline = bylinePassage(doc)!
    expect(byline.text).toContain('李明华')
    expect(byline.text).toContain('中国社会科学院')
    expect(doc.text.slice(byline.start, byline.end)).toBe(byline.text)

    for (const q of [
      'Which institution is Li Minghua affiliated with?',
      '李明华在哪个单位工作？',
      'Who wrote the article on China-Russia grain trade?',
      // (the work of "where does he work" is no focus the byline must name)
      'Who wrote the article on China-Russia grain trade, and where does he work?',
      'Where does Li Minghua work?',
      '这篇粮食贸易文章的作者是谁，在哪里工作？',
    ]) {
      const { answer, passages } = await answerOnce(q, [], { retriever })
      expect(answer.abstained, q).toBe(false)
      expect(passages[answer.citations[0].n - 1].text, q).toContain('李明华')
      expect(answer.answer, q).toContain('中国社会科学院')
    }
    // an author the documents do not have is still missing
    const other = await answerOnce('Which institution is Wang Xiaoping affiliated with?', [], { retriever })
    expect(other.answer.abstained).toBe(true)
  })

  it('offers no byline for a work the text cites: its note entry names the author', async () => {
    const retriever = await openCorpus('^①\n\n^① 王海生:《远东小麦出口调查》,载《海洋日报》,2023 年 5 月 1 日。')
    const { answer, passages } = await answerOnce('谁写了《远东小麦出口调查》？', [], { retriever })
    expect(passages.some((p) => p.text.includes('李明华'))).toBe(false)
    expect(answer.abstained).toBe(false)
    expect(passages[answer.citations[0].n - 1].text).toContain('王海生')
  })

  it('answers a question about an article named by its author from that article', async () => {
    // another article on the same topic, whose notes cite a work by the author the question names
    const retriever = await openCorpus('', {
      'wheat.txt': `远东小麦出口的前景\n\n王海生\n\n（海洋大学，青岛　266003）\n\n近年来，远东小麦出口不断扩大，中俄粮食贸易受到运费上涨的影响。^①\n\n^① 李明华:《中俄粮食贸易的新动向》,载《海洋日报》,2023 年 5 月 1 日。`,
    })
    for (const q of ['What does the Li article say about grain trade?', 'According to Li Minghua, how is China-Russia grain trade changing?']) {
      const { answer, passages } = await answerOnce(q, [], { retriever })
      expect(answer.abstained, q).toBe(false)
      expect(passages[answer.citations[0].n - 1].docId, q).toBe('grain')
    }
  })

  it('asks the earlier question again of another author: "What about Wang?", 那王海生呢', async () => {
    const retriever = await openCorpus('', {
      'wheat.txt': '远东小麦出口的前景\n\n王海生\n\n（海洋大学，青岛　266003）\n\n近年来，远东小麦出口不断扩大，运费上涨影响了出口。',
    })
    const ask = async (first: string, then: string) => {
      const history = [
        { role: 'user' as const, text: first },
        { role: 'assistant' as const, text: (await answerOnce(first, [], { retriever })).answer.answer },
      ]
      return answerOnce(then, history, { retriever })
    }
    const en = await ask('Where does Li Minghua work?', 'What about Wang Haisheng?')
    expect(en.answer.abstained).toBe(false)
    expect(en.answer.lang).toBe('en')
    expect(en.answer.answer).toContain('海洋大学')
    expect(en.answer.answer).not.toContain('中国社会科学院')
    const zh = await ask('李明华在哪个单位工作？', '那王海生呢？')
    expect(zh.answer.answer).toContain('海洋大学')
    expect(zh.answer.answer).not.toContain('中国社会科学院')
  })

  it('takes only a short "what about X" that asks nothing itself as asking the earlier question again', async () => {
    const retriever = await openCorpus()
    const source = retrievalSource(retriever)
    const again = (last: string, question: string) =>
      askedOfAnother(
        source,
        question,
        [{ role: 'user', text: last }],
        questionFocus(
          source.analyze(question),
          (w) => source.chineseFor(w),
          (t) => source.mentions(t),
          (e) => source.properNoun(e),
        ),
      )
    // (a whole question ending in 呢 is no ellipsis)
    expect(again('中俄粮食贸易面临哪些挑战？', '中美粮食贸易对俄罗斯有什么影响呢？')).toBeUndefined()
    // (the author the earlier question names stays: another name takes the place of its topic)
    expect(again('What does Li Minghua say about Russia?', 'What about China?')).toBe('What does Li Minghua say about China?')
    // (the asker's words are words, not replacement patterns)
    expect(again('What does Li Minghua say about Russia?', 'What about China $&?')).toBe('What does Li Minghua say about China $&?')
  })
})
