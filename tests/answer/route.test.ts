import { describe, expect, it } from 'vitest'
import { POST } from '../../app/api/chat/route'
import { freePort, routeTestEnvironment } from '../helpers'

interface Chunk {
  type: string
  delta?: string
  id?: string
  data?: {
    passages?: { n: number; chunkId: string; docId: string; title: string; section: string; text: string; start: number; end: number; cited: boolean }[]
    mode?: string
    warnings?: string[]
    abstained?: boolean
    message?: string
  }
}

async function chat(
  messages: { role: string; text: string }[],
): Promise<{ status: number; chunks: Chunk[]; text: string; json?: { error: { code: string; message: string } } }> {
  const body = JSON.stringify({
    id: 'c1',
    trigger: 'submit-message',
    messages: messages.map((m, i) => ({ id: `m${i}`, role: m.role, parts: [{ type: 'text', text: m.text }] })),
  })
  const res = await POST(new Request('http://localhost/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body }))
  if (!res.headers.get('content-type')?.includes('text/event-stream')) return { status: res.status, chunks: [], text: '', json: await res.json() }
  const raw = await res.text()
  const chunks = raw
    .split('\n\n')
    .map((e) => e.replace(/^data: /, '').trim())
    .filter((e) => e && e !== '[DONE]')
    .map((e) => JSON.parse(e) as Chunk)
  return {
    status: res.status,
    chunks,
    text: chunks
      .filter((c) => c.type === 'text-delta')
      .map((c) => c.delta)
      .join(''),
  }
}

const lastCitations = (chunks: Chunk[]) => chunks.filter((c) => c.type === 'data-citations').pop()!.data!.passages!
const lastMeta = (chunks: Chunk[]) => chunks.filter((c) => c.type === 'data-meta').pop()!.data!

describe('POST /api/chat', () => {
  const env = routeTestEnvironment(['LLM_BASE_URL', 'LLM_MODEL', 'LLM_API_KEY', 'LLM_TIMEOUT_MS'])

  it('streams an offline answer with typed citation parts', async () => {
    const { chunks, text } = await chat([{ role: 'user', text: '中俄技术转移面临什么问题？' }])
    expect(chunks[0].type).toBe('start')
    // passages arrive before the text; text arrives as deltas; the answer ends with finish
    const firstCitations = chunks.findIndex((c) => c.type === 'data-citations')
    expect(firstCitations).toBeLessThan(chunks.findIndex((c) => c.type === 'text-delta'))
    expect(chunks[chunks.length - 1].type).toBe('finish')
    expect(lastMeta(chunks)).toMatchObject({ mode: 'extractive', abstained: false })
    const cited = lastCitations(chunks).filter((p) => p.cited)
    expect(cited.length).toBeGreaterThan(0)
    for (const p of cited) {
      expect(text).toContain(`[${p.n}]`)
      expect(p).toMatchObject({ chunkId: expect.any(String), docId: expect.any(String), title: expect.any(String), section: expect.any(String) })
      expect(p.end).toBeGreaterThan(p.start)
    }
    expect(text).toContain('技术转移')
  })

  it('answers through the configured LLM, removes an invented citation and marks an uncited sentence', async () => {
    process.env.LLM_BASE_URL = env.llm.baseURL
    process.env.LLM_MODEL = 'scripted-model'
    process.env.LLM_API_KEY = 'sk-test'
    env.llm.reply({
      chunks: [
        'Technology transfer between the two is ',
        'hampered by information gaps [1]',
        '[9]. ',
        'It is improving slowly.',
        ' 「技术转移」 means technology transfer [2].',
      ],
    })
    const { chunks, text } = await chat([{ role: 'user', text: 'What hampers technology transfer between China and Russia?' }])
    expect(env.llm.requests.at(-1)!.authorization).toBe('Bearer sk-test')
    const prompt = env.llm.requests.at(-1)!.body
    expect(prompt.messages[0].content).toMatch(/ONLY from the numbered passages/)
    expect(prompt.messages[0].content).toMatch(/Write the answer in English/)
    expect(prompt.messages.at(-1)!.content).toMatch(/<passage n="1"/)
    expect(text).toContain('hampered by information gaps [1].')
    expect(text).not.toContain('[9]')
    expect(text).toContain('It is improving slowly. [?]')
    const meta = lastMeta(chunks)
    expect(meta).toMatchObject({ mode: 'llm', abstained: false })
    expect(meta.warnings!.join(' ')).toMatch(/\[9\]/)
    expect(
      lastCitations(chunks)
        .filter((p) => p.cited)
        .map((p) => p.n),
    ).toEqual([1, 2])
    // the text streamed in more than one piece
    expect(chunks.filter((c) => c.type === 'text-delta').length).toBeGreaterThan(1)
  })

  it('rewrites a follow-up into a standalone question with the LLM before retrieving', async () => {
    process.env.LLM_BASE_URL = env.llm.baseURL
    process.env.LLM_MODEL = 'scripted-model'
    env.llm.reply((body) => (body.stream ? { chunks: ['它涉及金砖国家 [1]。'] } : { chunks: ['中俄在金砖国家框架下的数字经济合作有哪些？'] }))
    const { chunks } = await chat([
      { role: 'user', text: '中俄数字经济合作有哪些？' },
      { role: 'assistant', text: '……[1]' },
      { role: 'user', text: '在金砖框架下呢？' },
    ])
    expect(lastMeta(chunks).mode).toBe('llm')
    expect(chunks.find((c) => c.type === 'data-meta')!.data).toMatchObject({ standalone: '中俄在金砖国家框架下的数字经济合作有哪些？' })
  })

  it.each([
    ['a refused key (401)', { status: 401 }, /refused the request \(HTTP 401\).*LLM_API_KEY/],
    ['a timeout', { hang: true }, /did not answer within 1 s/],
  ])('falls back to the offline answer on %s', async (_, reply, message) => {
    process.env.LLM_BASE_URL = env.llm.baseURL
    process.env.LLM_MODEL = 'scripted-model'
    process.env.LLM_TIMEOUT_MS = '1000'
    env.llm.reply(reply)
    const { chunks, text } = await chat([{ role: 'user', text: '中俄技术转移面临什么问题？' }])
    expect(chunks.find((c) => c.type === 'data-notice')!.data!.message).toMatch(message)
    expect(lastMeta(chunks)).toMatchObject({ mode: 'extractive' })
    expect(text).toContain('技术转移')
  })

  it('falls back when the LLM server cannot be reached', async () => {
    const port = await freePort()
    process.env.LLM_BASE_URL = `http://127.0.0.1:${port}/v1`
    process.env.LLM_MODEL = 'scripted-model'
    const { chunks } = await chat([{ role: 'user', text: '中俄技术转移面临什么问题？' }])
    expect(chunks.find((c) => c.type === 'data-notice')!.data!.message).toMatch(/cannot reach the language model/)
    expect(lastMeta(chunks).mode).toBe('extractive')
  })

  it('declines a near-miss question offline, without asking the LLM', async () => {
    process.env.LLM_BASE_URL = env.llm.baseURL
    process.env.LLM_MODEL = 'scripted-model'
    env.llm.reply({ chunks: ['An invented answer [1].'] })
    const before = env.llm.requests.length
    const { chunks, text } = await chat([{ role: 'user', text: 'How much money does Kazakhstan put into China-Russia technology cooperation?' }])
    expect(env.llm.requests.length).toBe(before)
    expect(lastMeta(chunks)).toMatchObject({ mode: 'extractive', abstained: true })
    expect(text).toMatch(/^The documents do not mention Kazakhstan \(哈萨克斯坦\)\./)
  })

  it('rejects bad requests with specific errors', async () => {
    expect(await chat([])).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid_request', message: expect.stringMatching(/messages must not be empty/) } },
    })
    expect(await chat([{ role: 'user', text: 'x'.repeat(2001) }])).toMatchObject({ status: 413, json: { error: { code: 'payload_too_large' } } })
    const res = await POST(new Request('http://localhost/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' }))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } })
  })
})
