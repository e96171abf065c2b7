import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerOnce } from '../../lib/answer/answer'
import { createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import { Retriever } from '../../lib/retrieve/retriever'
import { CACHE_DIR, tempDir } from '../helpers'

describe('a note entry in another language than the question', () => {
  it('is cited for what the sentence carrying its marker says', async () => {
    const corpus = tempDir('corpus-')
    writeFileSync(
      join(corpus, 'chips.txt'),
      '中美科技竞争\n\n一、出口管制\n\n美国推动盟友限制对华芯片设备出口。^①双方的贸易摩擦持续加剧。\n\n^① Jane Doe, “Allies Asked to Curb Exports,” Reuters, March 1, 2024.',
    )
    const indexDir = join(tempDir('index-'), 'index')
    await ingest({ corpusDir: corpus, indexDir, embedderId: 'builtin-cedict', makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: CACHE_DIR }) })
    const retriever = await Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR, EMBEDDER: 'builtin-cedict' })
    const { answer, passages } = await answerOnce('关于美国推动盟友限制芯片设备出口，文章引用了哪篇报道？', [], { retriever })
    console.log(
      answer.answer,
      passages.map((p) => [p.kind, p.citingSentence]),
    )
    expect(answer.abstained).toBe(false)
    expect(passages[answer.citations[0].n - 1].text).toContain('Jane Doe')
  })
})
