import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerOnce } from '../../lib/answer/answer'
import { createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import { Retriever } from '../../lib/retrieve/retriever'
import { CACHE_DIR, tempDir } from '../helpers'

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
  it('is followed by the sentence citing it, which says what the text makes of it', async () => {
    const retriever = await indexOf(
      '中美科技竞争\n\n一、出口管制\n\n美国财政部长耶伦称美对华新关税是“高度战略性的”。^①双方的贸易摩擦持续加剧。\n\n^① Jane Doe, “Yellen Says Tariffs Are Strategic,” Reuters, June 21, 2024.',
    )
    const { answer, passages } = await answerOnce('What did Yellen say about the tariffs?', [], { retriever })
    const cited = answer.citations.map((c) => passages[c.n - 1].text)
    expect(cited[0]).toContain('Jane Doe')
    expect(cited.some((text) => text.includes('高度战略性的'))).toBe(true)
  })
})

describe('an "Ibid." note entry', () => {
  const text =
    '中美科技竞争\n\n一、出口管制\n\n美国推动盟友限制对华芯片设备出口。^①荷兰随后收紧了光刻机维修服务的出口许可。^②双方的贸易摩擦持续加剧。\n\n^① Jane Doe, “Allies Asked to Curb Exports,” Reuters, March 1, 2024.\n\n^② Ibid.'

  it('is found with the entry it repeats, in search hits and in the answer to "which source"', async () => {
    const retriever = await indexOf(text)
    const hits = (await retriever.search('荷兰收紧光刻机维修服务出口许可', 10)).results
    const ibid = hits.find((h) => h.kind === 'reference' && h.text.includes('Ibid'))
    expect(ibid?.repeats).toContain('Jane Doe')
    // an entry that names its source repeats nothing
    expect(hits.find((h) => h.kind === 'reference' && h.text.includes('Jane Doe'))?.repeats).toBeUndefined()

    const { answer, passages } = await answerOnce(
      'Which source does the article cite for the Netherlands tightening export licences for lithography servicing?',
      [],
      {
        retriever,
      },
    )
    const cited = passages[answer.citations[0].n - 1]
    expect(cited.text).toContain('Ibid')
    expect(cited.repeats).toContain('Jane Doe')
    expect(answer.answer).toMatch(/Ibid\.” means the source of the note before it: Jane Doe, “Allies Asked to Curb Exports,”/)
  })
})
