import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmbedder, type Embedder } from '../../lib/embed'
import { BUILTIN_EMBEDDER_ID } from '../../lib/embed/ids'
import { ingest } from '../../lib/index/ingest'
import { loadIndex } from '../../lib/index/open'
import { Retriever } from '../../lib/retrieve/retriever'
import type { EnglishChineseDictionary } from '../../lib/retrieve/translate'
import { CACHE_DIR, corpusCopy, tempDir } from '../helpers'

let shared: Promise<Embedder> | undefined
const embedder = () => (shared ??= createEmbedder(BUILTIN_EMBEDDER_ID, { cacheDir: CACHE_DIR }))
let dictionary: EnglishChineseDictionary | undefined
const run = (corpusDir: string, indexDir: string, log?: (m: string) => void) =>
  ingest({ corpusDir, indexDir, embedderId: BUILTIN_EMBEDDER_ID, makeEmbedder: embedder, log })

async function retrieverFor(indexDir: string) {
  const retriever = new Retriever(await loadIndex(indexDir), await embedder(), undefined, undefined, dictionary)
  dictionary = retriever.dictionary
  return retriever
}

const QUERIES = ['中俄科技合作', 'technology transfer', '能源 合作 项目', '人工智能', 'joint laboratory', '航天']

async function answers(indexDir: string) {
  const retriever = await retrieverFor(indexDir)
  const out = []
  for (const q of QUERIES) out.push((await retriever.search(q, 8)).results.map((r) => `${r.chunkId} ${r.score}`))
  retriever.index.close()
  return out
}

const note = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `${topic}第${i + 1}段：双方在${topic}领域开展合作，建立联合实验室，推动技术转移和人才交流。该项目计划投资${i + 3}亿元，由两国科研机构共同承担。`,
  ).join('\n\n')

describe('incremental updates', () => {
  it('adding, changing and deleting documents gives the same search results as a fresh build', async () => {
    const corpus = corpusCopy()
    const index = join(tempDir('index-'), 'index')
    writeFileSync(join(corpus, 'energy.txt'), note('能源', 6))
    writeFileSync(join(corpus, 'space.txt'), note('航天', 4))
    await run(corpus, index)
    // add one, change one, delete one
    writeFileSync(join(corpus, 'ai.txt'), note('人工智能', 5))
    appendFileSync(join(corpus, 'energy.txt'), `\n\n${note('核能', 2)}`)
    rmSync(join(corpus, 'space.txt'))
    const update = await run(corpus, index)
    expect(update).toMatchObject({ upToDate: false, deletedDocuments: 1, reusedDocuments: 2 })
    expect(update.embedded).toBeLessThan(update.chunks)

    const fresh = join(tempDir('fresh-'), 'index')
    await run(corpus, fresh)
    expect(await answers(index)).toEqual(await answers(fresh))
    const a = await loadIndex(index)
    const b = await loadIndex(fresh)
    expect(a.chunks.map((c) => c.id)).toEqual(b.chunks.map((c) => c.id))
    expect(a.lexical.size).toBe(b.lexical.size)
    a.close()
    b.close()
  })

  it('a small update keeps the derived files, which loaders bring up to date; past the limit they are written again', async () => {
    const corpus = corpusCopy()
    const index = join(tempDir('index-'), 'index')
    const derivedFiles = () => readdirSync(index).filter((f) => f.endsWith('.bin'))
    writeFileSync(join(corpus, 'energy.txt'), note('能源', 6))
    await run(corpus, index)
    expect(derivedFiles()).toEqual(['hnsw-1.bin', 'lexical-1.bin'])
    const fresh = async () => {
      const dir = join(tempDir('fresh-'), 'index')
      await run(corpus, dir)
      return answers(dir)
    }
    // added, then changed again and deleted before the files are rewritten
    writeFileSync(join(corpus, 'ai.txt'), note('人工智能', 5))
    expect((await run(corpus, index)).generation).toBe(2)
    appendFileSync(join(corpus, 'ai.txt'), `\n\n${note('核能', 2)}`)
    appendFileSync(join(corpus, 'energy.txt'), `\n\n${note('航天', 2)}`)
    expect((await run(corpus, index)).generation).toBe(3)
    expect(derivedFiles()).toEqual(['hnsw-1.bin', 'lexical-1.bin'])
    expect(await answers(index)).toEqual(await fresh())
    rmSync(join(corpus, 'ai.txt'))
    await run(corpus, index)
    expect(await answers(index)).toEqual(await fresh())

    writeFileSync(join(corpus, 'space.txt'), note('航天', 4))
    const update = await ingest({ corpusDir: corpus, indexDir: index, embedderId: BUILTIN_EMBEDDER_ID, makeEmbedder: embedder, deltaLimit: 1 })
    expect(update.generation).toBe(5)
    expect(derivedFiles()).toEqual(['hnsw-5.bin', 'lexical-5.bin'])
    expect(await answers(index)).toEqual(await fresh())
  })

  it('a filtered search returns k passages, all inside the document', async () => {
    const corpus = corpusCopy()
    for (let i = 0; i < 6; i++) writeFileSync(join(corpus, `other-${i}.txt`), note(['能源', '航天', '农业', '医药', '交通', '通信'][i], 8))
    const index = join(tempDir('index-'), 'index')
    await run(corpus, index)
    const retriever = await retrieverFor(index)
    const docId = readdirSync(corpus)
      .find((f) => f.startsWith('tang'))!
      .replace(/\.txt$/, '')
    const inside = retriever.index.chunksOf(docId).length
    for (const q of ['能源合作', 'technology transfer', '联合实验室']) {
      const { results } = await retriever.search(q, 10, 'hybrid', { docId })
      expect(results).toHaveLength(Math.min(10, inside))
      expect(results.every((r) => r.docId === docId)).toBe(true)
    }
    const { results } = await retriever.search('能源合作', 5, 'hybrid', { docId: 'no-such-document' })
    expect(results).toEqual([])
    retriever.index.close()
  })
})

describe('big jobs on worker threads', () => {
  const TOPICS = ['能源', '航天', '农业', '医药', '交通', '通信', '材料', '海洋']
  const writeNotes = (corpus: string, count: number, round: number) => {
    for (let i = 0; i < count; i++) writeFileSync(join(corpus, `note-${i}.txt`), note(`${TOPICS[(i + round) % TOPICS.length]}${i}`, 1 + ((i + round) % 3)))
  }
  const options = (corpusDir: string, indexDir: string, workers: number) => ({
    corpusDir,
    indexDir,
    embedderId: BUILTIN_EMBEDDER_ID,
    makeEmbedder: embedder,
    cacheDir: CACHE_DIR,
    workers,
  })
  const runWith = (corpusDir: string, indexDir: string, workers: number) => ingest(options(corpusDir, indexDir, workers))

  it('preparing on threads and inserting into HNSW on its own thread builds and updates the index as one thread does', async () => {
    const corpus = corpusCopy()
    const threaded = join(tempDir('index-'), 'index')
    const single = join(tempDir('index-'), 'index')
    const log: string[] = []
    writeNotes(corpus, 70, 0)
    expect((await runWith(corpus, threaded, 2)).embedded).toBeGreaterThan(70)
    await runWith(corpus, single, 0)
    // every note changes and one is deleted: the threads replace and delete points in the graph
    writeNotes(corpus, 70, 1)
    rmSync(join(corpus, 'note-0.txt'))
    const update = await ingest({ ...options(corpus, threaded, 2), log: (m) => log.push(m) })
    expect(update).toMatchObject({ upToDate: false, deletedDocuments: 1, reusedDocuments: 2 })
    expect(log).toContain('preparing 69 files on 2 worker threads')
    await runWith(corpus, single, 0)
    expect(await answers(threaded)).toEqual(await answers(single))
    expect(readFileSync(join(threaded, 'hnsw-2.bin')).equals(readFileSync(join(single, 'hnsw-2.bin')))).toBe(true)
  }, 120_000)
})

describe('document ids', () => {
  it('files whose names map to one id get distinct ids, with a message, and re-ingest does not grow the index', async () => {
    const corpus = tempDir('corpus-')
    writeFileSync(join(corpus, 'a.txt'), note('能源', 2))
    writeFileSync(join(corpus, 'a.md'), note('航天', 2))
    writeFileSync(join(corpus, 'a b.txt'), note('农业', 2))
    writeFileSync(join(corpus, 'a-b.txt'), note('医药', 2))
    const index = join(tempDir('index-'), 'index')
    const log: string[] = []
    const first = await run(corpus, index, (m) => log.push(m))
    expect(first.documents).toBe(4)
    expect(log.filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: a-b.txt maps to the same document id as a b.txt; it is indexed as "a-b-txt"',
      'warning: a.txt maps to the same document id as a.md; it is indexed as "a-txt"',
    ])
    const loaded = await loadIndex(index)
    expect(loaded.documentIds()).toEqual(['a', 'a-b', 'a-b-txt', 'a-txt'])
    expect(loaded.document('a-txt')!.fileName).toBe('a.txt')
    const ids = loaded.chunks.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    loaded.close()
    const again = await run(corpus, index)
    expect(again).toMatchObject({ upToDate: true, chunks: first.chunks, documents: 4 })
    expect(readFileSync(join(corpus, 'a.md'), 'utf8')).toContain('航天')
  })
})

describe('a glossary change', () => {
  it('records a changed glossary only with the generation built with it, so a failed commit rebuilds next time', async () => {
    const corpus = tempDir('corpus-')
    const index = join(tempDir('index-'), 'index')
    writeFileSync(join(corpus, 'energy.txt'), note('能源', 3))
    writeFileSync(join(corpus, 'glossary.json'), JSON.stringify({ terms: { 'energy cooperation': ['能源合作'] } }))
    await run(corpus, index)
    const before = (await loadIndex(index)).manifest.glossary
    // the next commit cannot write its lexical file: a directory stands where it goes
    writeFileSync(join(corpus, 'glossary.json'), JSON.stringify({ terms: { 'joint laboratory': ['联合实验室'] } }))
    mkdirSync(join(index, 'lexical-2.bin', 'blocker'), { recursive: true })
    await expect(run(corpus, index)).rejects.toThrow()
    const afterFailure = await loadIndex(index)
    expect(afterFailure.manifest.glossary).toEqual(before)
    afterFailure.close()
    rmSync(join(index, 'lexical-2.bin'), { recursive: true })
    const log: string[] = []
    await run(corpus, index, (m) => log.push(m))
    expect(log.join('\n')).toMatch(/rebuilt: lexical index \(the glossary changed\)/)
    expect((await loadIndex(index)).manifest.glossary).toEqual({ terms: { 'joint laboratory': ['联合实验室'] } })
  })
})
