// An index that is missing or damaged: 503 naming the command to run, never a path or a stack.
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GET as docsGET } from '../../app/api/docs/route'
import { POST as searchPOST } from '../../app/api/search/route'
import { CACHE_DIR, ingestBuiltin, tempDir } from '../helpers'

const search = () =>
  searchPOST(new Request('http://localhost/api/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"合作"}' }))

async function expectUnavailable(res: Response, indexDir: string) {
  expect(res.status).toBe(503)
  const body = await res.json()
  expect(body).toEqual({ error: { code: 'index_unavailable', message: expect.stringMatching(/npm run ingest/) } })
  expect(JSON.stringify(body)).not.toContain(indexDir)
  expect(JSON.stringify(body)).not.toMatch(/SyntaxError|at \w+ \(|\/tmp\//)
}

describe('an unusable index', () => {
  const saved = { ...process.env }
  afterAll(() => {
    process.env = saved
  })

  it('is reported as 503 when there is none', async () => {
    process.env.INDEX_DIR = join(tempDir('no-index-'), 'index')
    process.env.CACHE_DIR = CACHE_DIR
    await expectUnavailable(await search(), process.env.INDEX_DIR)
    await expectUnavailable(await docsGET(new Request('http://localhost/api/docs')), process.env.INDEX_DIR)
  })

  it('is reported as 503 when its files are truncated', async () => {
    const indexDir = await ingestBuiltin()
    const damaged = join(tempDir('damaged-'), 'index')
    cpSync(indexDir, damaged, { recursive: true })
    // every file of the index cut short (JSON files or the SQLite store and its derived files)
    const { readdirSync, readFileSync, statSync } = await import('node:fs')
    const cut = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) cut(path)
        else if (/\.(json|db|bin|hnsw)$/.test(name)) writeFileSync(path, readFileSync(path).subarray(0, 20))
      }
    }
    cut(damaged)
    process.env.INDEX_DIR = damaged
    await expectUnavailable(await search(), damaged)
  })
})
