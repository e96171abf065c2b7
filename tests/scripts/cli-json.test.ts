import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import { CACHE_DIR, CORPUS_DIR, tempDir } from '../helpers'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

/** Runs a command-line script and returns its stdout lines parsed as JSON. */
async function cli(script: string, args: string[], indexDir: string): Promise<unknown[]> {
  const { stdout } = await run(TSX, [join(ROOT, 'scripts', script), '--index', indexDir, ...args], {
    cwd: ROOT,
    env: { ...process.env, CACHE_DIR, LLM_BASE_URL: '', LLM_MODEL: '', LLM_API_KEY: '' },
    maxBuffer: 20 << 20,
  })
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
}

const PASSAGE_KEYS = ['rank', 'chunkId', 'docId', 'title', 'section', 'text', 'score']

function expectPassage(p: Record<string, unknown>, rank: number) {
  expect(Object.keys(p).slice(0, PASSAGE_KEYS.length)).toEqual(PASSAGE_KEYS)
  expect(p).toMatchObject({ rank, chunkId: expect.any(String), docId: expect.any(String), text: expect.any(String), score: expect.any(Number) })
}

function expectAnswer(a: Record<string, unknown>, question: string) {
  expect(a).toMatchObject({ question, lang: expect.any(String), mode: 'extractive', answer: expect.any(String), abstained: expect.any(Boolean) })
  const passages = a.passages as Record<string, unknown>[]
  passages.forEach((p, i) => {
    expectPassage(p, i + 1)
  })
  // every citation's n points into passages, at the passage it names
  for (const c of a.citations as { n: number; chunkId: string; docId: string; quote: string }[]) {
    expect(c.n).toBeGreaterThanOrEqual(1)
    expect(c.n).toBeLessThanOrEqual(passages.length)
    expect(passages[c.n - 1]).toMatchObject({ chunkId: c.chunkId, docId: c.docId })
    expect(typeof c.quote).toBe('string')
  }
}

describe('command-line JSON contracts (search, ask, --batch)', () => {
  let indexDir: string
  beforeAll(async () => {
    indexDir = join(tempDir('cli-index-'), 'index')
    await ingest({
      corpusDir: CORPUS_DIR,
      indexDir,
      embedderId: 'builtin-cedict',
      makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: CACHE_DIR }),
    })
  })

  it('search --json prints the query, its language and ranked passages', async () => {
    const [out] = (await cli('search.ts', ['--json', '--k', '3', 'technology transfer'], indexDir)) as Record<string, unknown>[]
    expect(out).toMatchObject({ query: 'technology transfer', lang: 'en' })
    const results = out.results as Record<string, unknown>[]
    expect(results).toHaveLength(3)
    results.forEach((p, i) => {
      expectPassage(p, i + 1)
    })
  })

  it('ask --json answers with citations that point into passages, also for a cited footnote', async () => {
    const question = '文中关于美国太空安全联盟的论述引用了哪篇文章？'
    const [out] = (await cli('ask.ts', ['--json', question], indexDir)) as Record<string, unknown>[]
    expectAnswer(out, question)
    expect(out.abstained).toBe(false)
    // the footnote's citing passage is cited too, and it is in passages
    expect((out.citations as unknown[]).length).toBeGreaterThanOrEqual(2)
  })

  it('--batch prints one JSON line per input line, in order, and declines a near-miss question', async () => {
    const file = join(tempDir('batch-'), 'q.jsonl')
    const questions = ['What hampers technology transfer between China and Russia?', 'How much money does Kazakhstan give to China-Russia cooperation?']
    writeFileSync(file, `${questions.map((q) => JSON.stringify({ q })).join('\n')}\n`)
    const asked = (await cli('ask.ts', ['--batch', file], indexDir)) as Record<string, unknown>[]
    expect(asked).toHaveLength(2)
    asked.forEach((a, i) => {
      expectAnswer(a, questions[i])
    })
    expect(asked.map((a) => a.abstained)).toEqual([false, true])
    expect(asked[1].answer).toMatch(/^The documents do not mention Kazakhstan \(哈萨克斯坦\)/)
    const searched = (await cli('search.ts', ['--batch', file], indexDir)) as Record<string, unknown>[]
    expect(searched.map((s) => s.query)).toEqual(questions)
  })
})
