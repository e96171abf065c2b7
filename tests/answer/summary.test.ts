import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerOnce } from '../../lib/answer/answer'
import { createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import { Retriever } from '../../lib/retrieve/retriever'
import { CACHE_DIR, tempDir } from '../helpers'

describe('an abstract', () => {
  it('does not lead an answer the body gives: it restates the article in general words', async () => {
    const corpus = tempDir('corpus-')
    writeFileSync(
      join(corpus, 'farm.txt'),
      '中俄农业合作的风险\n\n摘要：本文分析中俄农业合作面临的主要风险，并提出应对中俄农业合作风险的建议。\n\n一、主要风险\n\n中俄农业合作面临气候多变、物流成本高、检疫标准不一等风险。\n\n二、建议\n\n双方应建立风险预警机制。',
    )
    const indexDir = join(tempDir('index-'), 'index')
    await ingest({ corpusDir: corpus, indexDir, embedderId: 'builtin-cedict', makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: CACHE_DIR }) })
    const retriever = await Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR, EMBEDDER: 'builtin-cedict' })
    const { answer, passages } = await answerOnce('中俄农业合作面临哪些风险？', [], { retriever })
    expect(passages.some((p) => p.section === '摘要')).toBe(true)
    expect(answer.answer.split('\n')[0]).toContain('气候多变')
  })
})
