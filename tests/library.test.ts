import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { POST as CHAT } from '../app/api/chat/route'
import { GET as ORIGINAL } from '../app/api/docs/[docId]/original/route'
import { DELETE, PATCH, POST as REINGEST } from '../app/api/library/[docId]/route'
import { GET, POST } from '../app/api/library/route'
import { POST as SEARCH } from '../app/api/search/route'
import { makeTestDocx, makeTestHtml, makeTestPdf } from './corpus/make-fixtures'
import { CACHE_DIR, CORPUS_DIR, corpusCopy, ingestBuiltin, tempDir } from './helpers'

// ingests run on this thread (the test's own setup), counted: an upload's must run on the ingest thread
const ingestsHere = vi.hoisted(() => ({ count: 0 }))
vi.mock('../lib/index/ingest', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/index/ingest')>()
  return {
    ...real,
    ingest: (...args: Parameters<typeof real.ingest>) => {
      ingestsHere.count++
      return real.ingest(...args)
    },
  }
})

const root = tempDir('library-')
const env = {
  CORPUS_DIR: corpusCopy(),
  INDEX_DIR: join(root, 'index'),
  LIBRARY_DIR: join(root, 'library'),
  CACHE_DIR,
  RATE_LIMIT_CHAT: '0',
  RATE_LIMIT_SEARCH: '0',
}
const saved: Record<string, string | undefined> = {}
let docx: Uint8Array<ArrayBuffer>
let html: Uint8Array<ArrayBuffer>

beforeAll(async () => {
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k]
    process.env[k] = v
  }
  docx = new Uint8Array(readFileSync(await makeTestDocx(root)))
  html = new Uint8Array(readFileSync(makeTestHtml(root)))
  await ingestBuiltin(env.CORPUS_DIR, env.INDEX_DIR) // the shipped corpus: what chat and search answer from
})

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

const upload = (name: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  POST(new Request('http://localhost/api/library', { method: 'POST', headers: { 'x-file-name': encodeURIComponent(name), ...headers }, body }))

async function library(): Promise<{
  documents: { id: string; title: string; passages: number; uploaded: boolean; year?: number }[]
  jobs: { id: string; status: string; reason?: string }[]
}> {
  return (await GET(new Request('http://localhost/api/library'))).json()
}

async function waitForJob(id: string): Promise<{ status: string; reason?: string }> {
  for (let i = 0; i < 600; i++) {
    const job = (await library()).jobs.find((j) => j.id === id)!
    if (job.status === 'done' || job.status === 'failed') return job
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the job did not finish')
}

describe('library API', () => {
  it('ingests an upload in the background, lists it, re-ingests and deletes it', async () => {
    const res = await upload('平台 经济.docx', docx)
    expect(res.status).toBe(202)
    const { job } = await res.json()
    expect(await waitForJob(job.id)).toMatchObject({ status: 'done' })
    const listed = (await library()).documents.find((d) => d.title === '平台经济的规制')
    expect(listed).toMatchObject({ uploaded: true })
    expect(listed!.passages).toBeGreaterThan(0)

    const again = await REINGEST(new Request('http://localhost/x', { method: 'POST' }), { params: Promise.resolve({ docId: listed!.id }) })
    expect(again.status).toBe(202)
    expect(await waitForJob((await again.json()).job.id)).toMatchObject({ status: 'done' })

    const deleted = await DELETE(new Request('http://localhost/x', { method: 'DELETE' }), { params: Promise.resolve({ docId: listed!.id }) })
    expect(deleted.status).toBe(200)
    expect((await library()).documents.some((d) => d.id === listed!.id)).toBe(false)
    expect(existsSync(join(env.LIBRARY_DIR, '平台 经济.docx'))).toBe(false)
  }, 120_000)

  it('refuses files of the wrong type or content, and too large ones, with the reason', async () => {
    const exe = await upload('tool.exe', new Uint8Array([77, 90, 0, 0]))
    expect(exe.status).toBe(415)
    expect((await exe.json()).error.message).toMatch(/cannot be read; supported/)
    const fake = await upload('paper.pdf', new TextEncoder().encode('not a pdf'))
    expect(fake.status).toBe(415)
    expect((await fake.json()).error.message).toMatch(/not a PDF/)
    const big = await upload('big.pdf', new Uint8Array(10), { 'content-length': String(60 * 1024 * 1024) })
    expect(big.status).toBe(413)
  })

  it('a file that cannot be ingested fails with the reason', async () => {
    const res = await upload('blank.html', new TextEncoder().encode('<html><body></body></html>'))
    const job = await waitForJob((await res.json()).job.id)
    expect(job.status).toBe('failed')
    expect(job.reason).toBeTruthy()
    expect(html.length).toBeGreaterThan(0)
  }, 60_000)

  it('a running server answers from an upload as soon as it is done, without a restart (generation hot swap)', async () => {
    const { getRetriever } = await import('../lib/server')
    const before = await getRetriever()
    expect((await before.search('居民议事会 社区参与', 5)).results.some((p) => p.docId === 'article')).toBe(false)
    const { job } = await (await upload('article.html', html)).json()
    expect(await waitForJob(job.id)).toMatchObject({ status: 'done' })
    // "done" already means served: the very next request answers from the new generation
    const after = await getRetriever()
    expect(after).not.toBe(before)
    expect((await after.search('居民议事会 社区参与', 5)).results[0]).toMatchObject({ docId: 'article' })
  }, 60_000)

  it('keeps answering chat and search while a large upload is read and embedded (on the ingest thread)', async () => {
    const json = { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' }
    const search = async () => {
      const res = await SEARCH(new Request('http://localhost/api/search', { method: 'POST', headers: json, body: JSON.stringify({ query: '技术转移', k: 3 }) }))
      expect(res.status).toBe(200)
      return (await res.json()).results.length
    }
    const chat = async () => {
      const body = JSON.stringify({ messages: [{ id: 'q', role: 'user', parts: [{ type: 'text', text: '中俄科技合作有哪些风险？' }] }] })
      const res = await CHAT(new Request('http://localhost/api/chat', { method: 'POST', headers: json, body }))
      expect(res.status).toBe(200)
      return (await res.text()).length
    }
    expect(await search()).toBe(3) // the index and embedder of this thread are loaded before the upload
    // about 1.5 MB of text: seconds of reading, chunking and embedding
    const text = readFileSync(join(CORPUS_DIR, 'zheng-china-russia-sti-cooperation-risks.txt'), 'utf8')
    const big = Array.from({ length: Math.ceil(1_500_000 / Buffer.byteLength(text)) }, (_, i) => `第${i + 1}部分\n\n${text}`).join('\n\n')
    const ingestsBefore = ingestsHere.count
    expect(ingestsBefore).toBeGreaterThan(0) // the setup's ingest, on this thread, was counted
    const { job } = await (await upload('大文件.txt', new TextEncoder().encode(big))).json()
    const status = async () => (await library()).jobs.find((j) => j.id === job.id)!.status
    const answeredDuring: string[] = []
    for (let s = await status(); s === 'queued' || s === 'reading' || s === 'embedding'; s = await status()) {
      expect(await search()).toBe(3)
      expect(await chat()).toBeGreaterThan(0)
      const after = await status()
      if (after === 'reading' || after === 'embedding') answeredDuring.push(after)
      // as clients over a network would: these handlers alone settle in microtasks, never letting the
      // thread take the ingest thread's messages
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(await status()).toBe('done')
    // answers kept coming while the job was still being read or embedded, and none of that work ran on
    // this thread (a wall-clock bound on its stalls would depend on how busy the machine is)
    expect(answeredDuring).toContain('embedding')
    expect(answeredDuring.length).toBeGreaterThanOrEqual(3)
    expect(ingestsHere.count).toBe(ingestsBefore)
  }, 180_000)

  it('keeps an uploaded PDF and serves it as the original; other documents have none', async () => {
    const pdf = new Uint8Array(readFileSync(await makeTestPdf(root)))
    const { job } = await (await upload('governance.pdf', pdf)).json()
    expect(await waitForJob(job.id)).toMatchObject({ status: 'done' })
    const original = (docId: string) => ORIGINAL(new Request('http://localhost/x'), { params: Promise.resolve({ docId }) })
    const res = await original('governance')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true)
    for (const docId of ['article', 'zheng-china-russia-sti-cooperation-risks', '../governance', '../../package.json', 'nope']) {
      const missing = await original(docId)
      expect(missing.status, docId).toBe(404)
      expect((await missing.json()).error.code).toBe('not_found')
    }
  }, 120_000)

  it('edits title, authors, year and a web page URL: saved in the sidecar, shown by search and the list', async () => {
    const patch = (docId: string, body: unknown, headers: Record<string, string> = {}) =>
      PATCH(new Request('http://localhost/x', { method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }), {
        params: Promise.resolve({ docId }),
      })
    // a field the sidecar already has and the form does not edit is kept
    writeFileSync(join(env.LIBRARY_DIR, 'article.meta.json'), JSON.stringify({ venue: '社区研究' }))
    const detectedYear = (await library()).documents.find((d) => d.id === 'article')?.year
    expect(detectedYear).not.toBe(2021)
    const res = await patch('article', { title: '居民议事会与社区参与', authors: ['王芳', '赵强'], year: 2021, url: 'https://example.org/yishihui' })
    expect(res.status).toBe(202)
    expect(await waitForJob((await res.json()).job.id)).toMatchObject({ status: 'done' })
    expect(JSON.parse(readFileSync(join(env.LIBRARY_DIR, 'article.meta.json'), 'utf8'))).toEqual({
      venue: '社区研究',
      title: '居民议事会与社区参与',
      authors: ['王芳', '赵强'],
      year: 2021,
      url: 'https://example.org/yishihui',
    })
    const listed = (await library()).documents.find((d) => d.id === 'article')
    expect(listed).toMatchObject({
      title: '居民议事会与社区参与',
      authors: ['王芳', '赵强'],
      year: 2021,
      url: 'https://example.org/yishihui',
      web: true,
      editable: true,
    })
    const { getRetriever } = await import('../lib/server')
    const hit = (await (await getRetriever()).search('居民议事会 社区参与', 5)).results.find((p) => p.docId === 'article')
    expect(hit?.title).toBe('居民议事会与社区参与')
    expect((await getRetriever()).index.document('article')?.meta).toMatchObject({ authors: ['王芳', '赵强'], year: 2021, venue: '社区研究' })

    // null removes a field from the sidecar: what the page itself says (its date) shows again
    const cleared = await patch('article', { year: null })
    expect(await waitForJob((await cleared.json()).job.id)).toMatchObject({ status: 'done' })
    expect((await library()).documents.find((d) => d.id === 'article')?.year).toBe(detectedYear)
    expect(JSON.parse(readFileSync(join(env.LIBRARY_DIR, 'article.meta.json'), 'utf8')).year).toBeUndefined()

    // bad input is refused with the reason, and nothing is written
    const refused: [string, unknown, number, RegExp][] = [
      ['article', { year: 1800 }, 400, /year must be 1900 or later/],
      ['article', { title: '  ' }, 400, /title must not be empty/],
      ['article', { url: 'javascript:alert(1)' }, 400, /http\(s\) address/],
      ['article', { publisher: 'x' }, 400, /publisher|unrecognized/i],
      ['article', {}, 400, /at least one of/],
      ['governance', { url: 'https://example.org/a.pdf' }, 400, /only web pages/],
      ['nope', { title: 'x' }, 404, /no document "nope"/],
    ]
    for (const [docId, body, status, message] of refused) {
      const r = await patch(docId, body)
      expect(r.status, JSON.stringify(body)).toBe(status)
      expect((await r.json()).error.message).toMatch(message)
    }
    const notJson = await PATCH(new Request('http://localhost/x', { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: 'title=x' }), {
      params: Promise.resolve({ docId: 'article' }),
    })
    expect(notJson.status).toBe(415)
    process.env.APP_API_KEY = 'secret-key'
    try {
      expect((await patch('article', { title: 'x' })).status).toBe(401)
    } finally {
      delete process.env.APP_API_KEY
    }
    expect(JSON.parse(readFileSync(join(env.LIBRARY_DIR, 'article.meta.json'), 'utf8')).title).toBe('居民议事会与社区参与')
  }, 120_000)

  it('requires the API key for uploads when APP_API_KEY is set', async () => {
    process.env.APP_API_KEY = 'secret-key'
    try {
      expect((await upload('a.html', html)).status).toBe(401)
      expect((await upload('a.html', html, { authorization: 'Bearer secret-key' })).status).toBe(202)
    } finally {
      delete process.env.APP_API_KEY
    }
  })
})
