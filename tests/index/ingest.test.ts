import { spawn } from 'node:child_process'
import { appendFileSync, cpSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { createEmbedder } from '../../lib/embed'
import { BUILTIN_EMBEDDER_ID } from '../../lib/embed/bilingual'
import { ingest } from '../../lib/index/ingest'
import { acquireLock } from '../../lib/index/lock'
import { loadIndex } from '../../lib/index/open'
import { readManifest } from '../../lib/index/store'
import { Retriever } from '../../lib/retrieve/retriever'
import { CACHE_DIR, CORPUS_DIR, corpusCopy, tempDir } from '../helpers'

const run = (corpusDir: string, indexDir: string, log?: (message: string) => void) =>
  ingest({ corpusDir, indexDir, embedderId: BUILTIN_EMBEDDER_ID, makeEmbedder: () => createEmbedder(BUILTIN_EMBEDDER_ID, { cacheDir: CACHE_DIR }), log })

describe('ingest', () => {
  it('builds the index, does no work on unchanged input, re-embeds only a changed file with stable ids', async () => {
    const corpus = corpusCopy()
    const index = join(tempDir('index-'), 'index')
    const log: string[] = []
    const first = await run(corpus, index, (m) => log.push(m))
    expect(first).toMatchObject({ documents: 2, failed: [], upToDate: false })
    // a first ingest builds the indexes: nothing was unusable, nothing to report
    expect(log.filter((m) => /cannot be used|rebuilt/.test(m))).toEqual([])
    expect(first.embedded).toBe(first.chunks)
    const ids = (await loadIndex(index)).chunks.map((c) => c.id)

    const again = await run(corpus, index)
    expect(again).toMatchObject({ upToDate: true, embedded: 0 })
    expect((await loadIndex(index)).chunks.map((c) => c.id)).toEqual(ids)

    const zheng = readdirSync(corpus).find((f) => f.startsWith('zheng') && f.endsWith('.txt'))!
    appendFileSync(join(corpus, zheng), '\n\n补充说明：本段为测试新增的内容。\n')
    const changed = await run(corpus, index)
    const after = await loadIndex(index)
    const zhengChunks = after.chunks.filter((c) => c.docId === zheng.replace('.txt', ''))
    expect(changed.reusedDocuments).toBe(1)
    expect(changed.embedded).toBe(zhengChunks.length)
    // the untouched document keeps its chunk ids
    const tangIds = ids.filter((id) => id.startsWith('tang'))
    expect(after.chunks.filter((c) => c.docId.startsWith('tang')).map((c) => c.id)).toEqual(tangIds)
  })

  it('ingests a GBK file, rejects empty and binary files with reasons and keeps the rest', async () => {
    const corpus = corpusCopy()
    const index = join(tempDir('index-'), 'index')
    writeFileSync(join(corpus, 'gbk-note.txt'), iconv.encode('技术转移网络尚未形成。双方需要加强专业化服务。', 'gbk'))
    writeFileSync(join(corpus, 'empty.txt'), '')
    writeFileSync(join(corpus, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x0a]))
    const summary = await run(corpus, index)
    expect(summary.documents).toBe(3)
    expect(summary.failed.map((f) => [f.file.split('/').pop(), f.reason])).toEqual([
      ['empty.txt', 'the file is empty'],
      ['image.md', expect.stringMatching(/binary/)],
    ])
    const loaded = await loadIndex(index)
    expect(loaded.documents.find((d) => d.id === 'gbk-note')!.encoding).toBe('gb18030')
  })

  it('refuses to run while another ingest holds the lock', async () => {
    const index = join(tempDir('index-'), 'index')
    const release = acquireLock(index)
    await expect(run(CORPUS_DIR, index)).rejects.toThrow(/Another ingest \(pid \d+\) is writing/)
    release()
  })

  it('an ingest killed midway leaves a usable index and the next one resumes where it stopped', async () => {
    const corpus = corpusCopy()
    const index = join(tempDir('index-'), 'index')
    await run(corpus, index)
    const before = readManifest(index)!
    // a bigger corpus so that embedding takes a while, then kill the process during it
    for (let i = 0; i < 30; i++)
      for (const f of readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.txt'))) cpSync(join(CORPUS_DIR, f), join(corpus, `copy${i}-${f}`))
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--corpus', corpus, '--index', index], { stdio: ['ignore', 'pipe', 'pipe'] })
    let copies = 0
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        copies += d.toString().split('new: copy').length - 1
        if (copies >= 3) {
          child.kill('SIGKILL')
          resolve()
        }
      })
      child.on('exit', () => resolve())
    })
    await new Promise((r) => child.on('close', r))
    // the documents written so far are in the store; the committed generation is stale, so the
    // derived indexes are rebuilt from the store on open, with a notice
    const after = await loadIndex(index)
    expect(after.manifest.createdAt).toBe(before.createdAt)
    expect(after.generation).toBe(before.generation)
    expect(after.manifest.chunkCount).toBeGreaterThan(before.chunkCount)
    expect(after.notices.join('\n')).toMatch(/stale/)
    expect(after.hnsw.getCurrentCount()).toBe(after.manifest.chunkCount)
    const stored = after.manifest.documentCount
    after.close()
    // the next ingest takes over the dead process's lock and embeds only what is missing
    const resumed = await run(corpus, index)
    expect(resumed.documents).toBe(62)
    expect(resumed.reusedDocuments).toBe(stored)
    expect((await loadIndex(index)).notices).toEqual([])
  })

  it('finds each chunk first when searching for its own text', async () => {
    const index = join(tempDir('index-'), 'index')
    await run(CORPUS_DIR, index)
    const retriever = await Retriever.open({ INDEX_DIR: index, CACHE_DIR, EMBEDDER: BUILTIN_EMBEDDER_ID })
    const misses: string[] = []
    for (const chunk of retriever.index.chunks) {
      const { results } = await retriever.search(chunk.indexText, 1)
      if (results[0]?.chunkId !== chunk.id) misses.push(chunk.id)
    }
    expect(misses).toEqual([])
  })

  it('refuses to query an index built with another embedder', async () => {
    const index = join(tempDir('index-'), 'index')
    await run(CORPUS_DIR, index)
    await expect(loadIndex(index, { embedderId: 'transformers:some/model' })).rejects.toThrow(
      /built with the embedder "builtin-cedict(-v\d+)?".+Re-ingest with: npm run ingest -- --embedder transformers:some\/model/,
    )
    await expect(loadIndex(join(tempDir('none-'), 'index'))).rejects.toThrow(/No index found.+npm run ingest/)
  })
})
