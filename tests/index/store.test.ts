import { closeSync, cpSync, mkdirSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEmbedder, type Embedder } from '../../lib/embed'
import { BUILTIN_EMBEDDER_ID } from '../../lib/embed/bilingual'
import { ingest } from '../../lib/index/ingest'
import { loadIndex } from '../../lib/index/open'
import { IndexError, STORE_FILE } from '../../lib/index/store'
import { Retriever } from '../../lib/retrieve/retriever'
import type { EnglishChineseDictionary } from '../../lib/retrieve/translate'
import { CACHE_DIR, CORPUS_DIR, tempDir } from '../helpers'

const QUERIES = ['中俄科技合作的风险', 'technology transfer obstacles', '联合实验室']

// one embedder and one query dictionary for every test (each takes a while to build)
let shared: Promise<Embedder> | undefined
const embedder = () => (shared ??= createEmbedder(BUILTIN_EMBEDDER_ID, { cacheDir: CACHE_DIR }))
let dictionary: EnglishChineseDictionary | undefined
const run = (corpusDir: string, indexDir: string, log?: (m: string) => void) =>
  ingest({ corpusDir, indexDir, embedderId: BUILTIN_EMBEDDER_ID, makeEmbedder: embedder, log })

async function searchAll(indexDir: string) {
  const notices: string[] = []
  const index = await loadIndex(indexDir, { onNotice: (m) => notices.push(m) })
  const retriever = new Retriever(index, await embedder(), undefined, undefined, dictionary)
  dictionary = retriever.dictionary
  const results = []
  for (const q of QUERIES) results.push((await retriever.search(q, 5)).results.map((r) => [r.chunkId, r.score]))
  index.close()
  return { results, notices }
}

/** Overwrite bytes in the middle of a file (or at `at`) with garbage. */
function garble(file: string, at = Math.floor(statSync(file).size / 2)) {
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, at)
  closeSync(fd)
}

describe('a damaged index', () => {
  let built: string
  let intact: Awaited<ReturnType<typeof searchAll>>
  beforeAll(async () => {
    built = join(tempDir('index-'), 'index')
    await run(CORPUS_DIR, built)
    intact = await searchAll(built)
  }, 120_000)

  const copy = () => {
    const dir = join(tempDir('damaged-'), 'index')
    cpSync(built, dir, { recursive: true })
    return dir
  }
  const derived = (dir: string, prefix: string) => join(dir, readdirSync(dir).find((n) => n.startsWith(prefix))!)

  for (const [what, damage] of [
    ['garbled', (f: string) => garble(f)],
    ['truncated', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 3))],
    ['missing', (f: string) => rmSync(f)],
  ] as const) {
    it(`rebuilds a ${what} HNSW file from the stored vectors, with a notice naming it, and gives the same results`, async () => {
      const dir = copy()
      damage(derived(dir, 'hnsw-'))
      const after = await searchAll(dir)
      expect(after.notices.join('\n')).toMatch(
        new RegExp(`vector index cannot be used \\(hnsw-1\\.bin (${what === 'missing' ? 'is missing' : 'has|does not match'})`),
      )
      expect(after.results).toEqual(intact.results)
      // the next ingest writes a good file again
      const log: string[] = []
      await run(CORPUS_DIR, dir, (m) => log.push(m))
      expect(log.join('\n')).toMatch(/rebuilt: vector index/)
      expect((await searchAll(dir)).notices).toEqual([])
    })

    it(`rebuilds a ${what} lexical file from the stored passages and gives the same results`, async () => {
      const dir = copy()
      damage(derived(dir, 'lexical-'))
      const after = await searchAll(dir)
      expect(after.notices.join('\n')).toMatch(/lexical index cannot be used \(lexical-1\.bin/)
      expect(after.results).toEqual(intact.results)
    })
  }

  it('a garbled store is a clear error naming index.db, and ingest sets it aside and rebuilds', async () => {
    const dir = copy()
    garble(join(dir, STORE_FILE), 0)
    await expect(loadIndex(dir)).rejects.toThrow(IndexError)
    await expect(loadIndex(dir)).rejects.toThrow(/index store .*index\.db is damaged.+npm run ingest/)
    const log: string[] = []
    const summary = await run(CORPUS_DIR, dir, (m) => log.push(m))
    expect(log.join('\n')).toMatch(/index\.db is damaged.+set aside as index\.db\.damaged-\d+/)
    expect(summary.documents).toBe(2)
    expect((await searchAll(dir)).results).toEqual(intact.results)
  })

  it('a truncated store is a clear error naming index.db', async () => {
    const dir = copy()
    truncateSync(join(dir, STORE_FILE), Math.floor(statSync(join(dir, STORE_FILE)).size / 2))
    await expect(loadIndex(dir)).rejects.toThrow(/index store .*index\.db is (truncated|damaged)/)
  })

  it('a store of the previous schema asks for an ingest, which upgrades it in place without re-embedding', async () => {
    const dir = copy()
    const db = new Database(join(dir, STORE_FILE))
    db.exec("DROP TABLE unindexed; UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    // generations of that schema did not record the label their files hold
    db.exec("UPDATE meta SET value = json_remove(value, '$.baseLabel') WHERE key = 'generation'")
    db.close()
    await expect(loadIndex(dir)).rejects.toThrow(/older schema \(3\).+npm run ingest/)
    expect(await run(CORPUS_DIR, dir)).toMatchObject({ upToDate: true, embedded: 0 })
    expect(await searchAll(dir)).toEqual(intact)
  })

  it('an index of the earlier JSON format asks for a re-ingest, and ingest replaces it', async () => {
    const dir = join(tempDir('legacy-'), 'index')
    mkdirSync(dir)
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 1 }))
    writeFileSync(join(dir, 'chunks.json'), '[]')
    await expect(loadIndex(dir)).rejects.toThrow(/older version \(format 1.+Re-ingest/)
    const log: string[] = []
    await run(CORPUS_DIR, dir, (m) => log.push(m))
    expect(log.join('\n')).toMatch(/older version/)
    expect(readdirSync(dir)).not.toContain('chunks.json')
    expect((await searchAll(dir)).results).toEqual(intact.results)
  })
})
