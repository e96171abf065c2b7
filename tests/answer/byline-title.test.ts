import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerOnce } from '../../lib/answer/answer'
import { BYLINE_SECTION } from '../../lib/answer/byline'
import { createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import { Retriever } from '../../lib/retrieve/retriever'
import { CACHE_DIR, tempDir } from '../helpers'

// two articles on China and Russia: one on grain trade, one (titled in English too) on uncertainty in energy
// cooperation; and, when asked for, an unsigned one on space cooperation
async function openCorpus(unsigned = false) {
  const corpus = tempDir('corpus-')
  // an article with no byline at all
  if (unsigned)
    writeFileSync(
      join(corpus, 'space.txt'),
      '中俄航天合作展望\n\n中俄航天合作历史悠久，两国在月球探测和卫星导航领域开展了多项合作。\n\n未来双方将共建月球探测基地。',
    )
  writeFileSync(
    join(corpus, 'grain.txt'),
    '中俄粮食贸易的新动向\n\n李明华\n\n（中国社会科学院，北京　100732）\n\n近年来，中俄粮食贸易不断扩大，俄罗斯对华出口的小麦和大豆逐年增加，能源合作也带动了粮食运输。\n\n远东地区的投资也在增长，两国企业共建了多个园区。',
  )
  writeFileSync(
    join(corpus, 'energy.txt'),
    '中俄能源合作变数增多\n\n王海生\n\n（清华大学，北京　100084）\n\n中俄能源合作面临新的变数，油气管道建设进度放缓，能源价格波动加剧。\n\n两国仍将推动能源合作，扩大粮食和能源贸易。',
  )
  if (unsigned)
    writeFileSync(join(corpus, 'space.meta.json'), JSON.stringify({ title: '中俄航天合作展望', titleEn: 'Prospects of China–Russia Space Cooperation' }))
  writeFileSync(join(corpus, 'energy.meta.json'), JSON.stringify({ titleEn: 'Growing Uncertainty in China–Russia Energy Cooperation' }))
  const indexDir = join(tempDir('index-'), 'index')
  await ingest({ corpusDir: corpus, indexDir, embedderId: 'builtin-cedict', makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: CACHE_DIR }) })
  return Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR, EMBEDDER: 'builtin-cedict' })
}

describe('"who wrote the article about X"', () => {
  it('answers with the byline of the document whose title (or English title) is about X', async () => {
    const retriever = await openCorpus()
    for (const q of ['Who wrote the article about uncertainty in China–Russia energy cooperation?', '关于中俄能源合作变数的文章是谁写的？']) {
      const { answer, passages } = await answerOnce(q, [], { retriever })
      expect(answer.abstained, q).toBe(false)
      expect(passages[answer.citations[0].n - 1].text, q).toContain('王海生')
      expect(answer.answer, q).not.toContain('李明华')
      // the byline's lines (title, author, affiliation) stay inside one list item of the answer
      const item = answer.answer.split('\n').find((line) => line.includes('王海生'))
      expect(item, q).toMatch(/^- .*能源合作变数增多 \/ 王海生 \/ /)
      if (q.startsWith('Who')) expect(item, q).toMatch(/^- Written by Wang Haisheng, as the byline says: “/)
    }
  })

  it("says no document is about X, offering no other document's byline", async () => {
    const retriever = await openCorpus()
    for (const [q, said] of [
      ['Who wrote the article about nuclear weapons?', 'None of the documents is an article about'],
      ['谁写了关于核武器试验的文章？', '文献中没有关于'],
    ]) {
      const { answer, passages } = await answerOnce(q, [], { retriever })
      expect(answer.abstained, q).toBe(true)
      expect(answer.answer, q).toContain(said)
      expect(
        passages.some((p) => p.section === BYLINE_SECTION),
        q,
      ).toBe(false)
      expect(answer.answer, q).not.toMatch(/李明华|王海生/)
    }
  })

  it('says the document it names has no byline rather than offer another one', async () => {
    const retriever = await openCorpus(true)
    const { answer } = await answerOnce('Who wrote the article on the prospects of space cooperation?', [], { retriever })
    expect(answer.abstained).toBe(true)
    expect(answer.answer).toContain('“中俄航天合作展望” carries no byline')
    expect(answer.answer).not.toMatch(/李明华|王海生/)
  })
})
