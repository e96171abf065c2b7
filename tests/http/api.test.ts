import { describe, expect, it } from 'vitest'
import { POST as chatPOST } from '../../app/api/chat/route'
import { GET as docGET } from '../../app/api/docs/[docId]/route'
import { POST as searchPOST } from '../../app/api/search/route'
import { routeTestEnvironment } from '../helpers'

const JSON_TYPE = { 'content-type': 'application/json' }
const post = (path: string, init: RequestInit & { client?: string }) => {
  const headers = new Headers(init.headers)
  headers.set('x-forwarded-for', init.client ?? '10.0.0.1')
  const request = new Request(`http://localhost${path}`, { method: 'POST', duplex: 'half', ...init, headers } as RequestInit)
  return (path === '/api/chat' ? chatPOST : searchPOST)(request)
}
const search = (body: unknown, client?: string) => post('/api/search', { headers: JSON_TYPE, body: JSON.stringify(body), client })
const question = (text: string) => JSON.stringify({ messages: [{ id: 'q', role: 'user', parts: [{ type: 'text', text }] }] })

/** A body of `total` bytes produced on demand, counting what the server actually pulled. */
function lazyBody(total: number, chunk = 64 * 1024) {
  const stats = { pulled: 0 }
  const piece = new Uint8Array(chunk).fill(0x61)
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close()
      stats.pulled += chunk
      controller.enqueue(piece)
    },
  })
  return { stream, stats }
}

describe('the API under hostile requests', () => {
  const env = routeTestEnvironment([
    'LLM_BASE_URL',
    'LLM_MODEL',
    'LLM_API_KEY',
    'LLM_TIMEOUT_MS',
    'APP_API_KEY',
    'RATE_LIMIT_SEARCH',
    'RATE_LIMIT_CHAT',
    'LLM_MAX_CONCURRENT',
  ])

  it('answers a well-formed search', async () => {
    const res = await search({ query: '技术转移', k: 3 })
    expect(res.status).toBe(200)
    expect((await res.json()).results).toHaveLength(3)
  })

  it('refuses a body that is not JSON with 415 and says what to send', async () => {
    for (const path of ['/api/search', '/api/chat']) {
      const res = await post(path, { headers: { 'content-type': 'text/plain' }, body: '{"query":"x"}' })
      expect(res.status).toBe(415)
      expect(await res.json()).toEqual({ error: { code: 'unsupported_media_type', message: expect.stringMatching(/Content-Type: application\/json/) } })
    }
    expect((await post('/api/search', { body: '{"query":"x"}' })).status).toBe(415) // no content type at all (a Blob-less string is text/plain)
  })

  it('refuses a declared oversized body with 413 before reading any of it', async () => {
    const { stream, stats } = lazyBody(60_000_000)
    const res = await post('/api/search', { headers: { ...JSON_TYPE, 'content-length': '60000000' }, body: stream })
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.stringMatching(/larger than 20 kB/) } })
    expect(stats.pulled).toBeLessThanOrEqual(2 * 64 * 1024) // the stream's own read-ahead at most
  })

  it('stops reading an undeclared 60 MB body at the cap: 413 after reading little more than the cap', async () => {
    const { stream, stats } = lazyBody(60_000_000)
    const res = await post('/api/chat', { headers: JSON_TYPE, body: stream })
    expect(res.status).toBe(413)
    expect(stats.pulled).toBeLessThan(200_000 + 3 * 64 * 1024)
  })

  it('rejects malformed JSON, invalid UTF-8 and bodies the schema refuses with 400 and the field at fault', async () => {
    const bad = async (body: BodyInit) => {
      const res = await post('/api/search', { headers: JSON_TYPE, body })
      expect(res.status).toBe(400)
      return (await res.json()).error
    }
    expect(await bad('{"query":')).toMatchObject({ code: 'invalid_json', message: expect.stringMatching(/"query"/) })
    expect(await bad(new Uint8Array([0x7b, 0x22, 0x71, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toMatchObject({ code: 'invalid_json' })
    expect(await bad(JSON.stringify({ query: '' }))).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/query: query must not be empty/),
    })
    expect(await bad(JSON.stringify({ query: 'x', k: 1e9 }))).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^k: /) })
    expect(await bad('[]')).toMatchObject({ code: 'invalid_request' })
  })

  it('answers an unknown document with a JSON 404', async () => {
    const res = await docGET(new Request('http://localhost/api/docs/nope'), { params: Promise.resolve({ docId: 'nope' }) })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('rate-limits each client: 429 with Retry-After past the limit, other clients unaffected', async () => {
    process.env.RATE_LIMIT_SEARCH = '3'
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await search({ query: '合作' }, '10.9.9.9')).status)
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    const refused = await search({ query: '合作' }, '10.9.9.9')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/at most 3 per 60 s/) } })
    expect((await search({ query: '合作' }, '10.9.9.10')).status).toBe(200)
    process.env.RATE_LIMIT_CHAT = '1'
    expect((await post('/api/chat', { headers: JSON_TYPE, body: question('合作'), client: '10.9.9.11' })).status).toBe(200)
    expect((await post('/api/chat', { headers: JSON_TYPE, body: question('合作'), client: '10.9.9.11' })).status).toBe(429)
  })

  it('requires APP_API_KEY when it is set', async () => {
    process.env.APP_API_KEY = 'k3y-for-tests'
    const refused = await search({ query: '合作' })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } })
    expect((await post('/api/search', { headers: { ...JSON_TYPE, authorization: 'Bearer wrong' }, body: '{"query":"x"}' })).status).toBe(401)
    expect((await post('/api/search', { headers: { ...JSON_TYPE, authorization: 'Bearer k3y-for-tests' }, body: '{"query":"合作"}' })).status).toBe(200)
    expect((await post('/api/search', { headers: { ...JSON_TYPE, 'x-api-key': 'k3y-for-tests' }, body: '{"query":"合作"}' })).status).toBe(200)
  })

  it("never sends the LLM's URL, credentials or upstream error text to the client", async () => {
    const url = new URL(env.llm.baseURL)
    process.env.LLM_BASE_URL = `http://alice:s3cret-pass@${url.host}${url.pathname}`
    process.env.LLM_MODEL = 'scripted-model'
    process.env.LLM_API_KEY = 'sk-very-secret'
    env.llm.reply({ status: 500, errorMessage: 'internal: db password=hunter2 at /srv/llm/secret.py' })
    const answer = async () => (await post('/api/chat', { headers: JSON_TYPE, body: question('中俄技术转移面临什么问题？') })).text()
    const secrets = ['s3cret', 'alice', 'sk-very-secret', 'hunter2', '/srv/llm', url.host]
    const withCredentials = await answer() // fetch itself refuses a URL with credentials
    expect(withCredentials).toMatch(/the language model failed; answered offline instead/)
    for (const secret of secrets) expect(withCredentials).not.toContain(secret)
    process.env.LLM_BASE_URL = env.llm.baseURL
    const upstreamError = await answer()
    expect(upstreamError).toMatch(/the language model failed \(HTTP 500\); answered offline instead/)
    for (const secret of secrets) expect(upstreamError).not.toContain(secret)
  })

  it('bounds concurrent LLM answers (503 + Retry-After) and a client disconnect aborts the LLM call and frees the slot', async () => {
    process.env.LLM_BASE_URL = env.llm.baseURL
    process.env.LLM_MODEL = 'scripted-model'
    process.env.LLM_MAX_CONCURRENT = '1'
    process.env.LLM_TIMEOUT_MS = '60000'
    env.llm.reply({ hang: true })
    const abandonedBefore = env.llm.abandoned()
    const requestsBefore = env.llm.requests.length
    const client = new AbortController()
    const first = await post('/api/chat', { headers: JSON_TYPE, body: question('中俄技术转移面临什么问题？'), signal: client.signal })
    expect(first.status).toBe(200)
    const reader = first.body!.getReader()
    for (let i = 0; i < 500 && env.llm.requests.length === requestsBefore; i++) await new Promise((r) => setTimeout(r, 20)) // until the LLM is called
    expect(env.llm.requests.length).toBe(requestsBefore + 1)
    const second = await post('/api/chat', { headers: JSON_TYPE, body: question('合作') })
    expect(second.status).toBe(503)
    expect(second.headers.get('retry-after')).toBe('5')
    expect(await second.json()).toMatchObject({ error: { code: 'busy' } })
    client.abort()
    await reader.cancel()
    for (let i = 0; i < 250 && env.llm.abandoned() === abandonedBefore; i++) await new Promise((r) => setTimeout(r, 20))
    // the upstream call was cut within the few seconds polled above, not left to its 60 s timeout
    expect(env.llm.abandoned()).toBe(abandonedBefore + 1)
    env.llm.reply({ chunks: ['合作 [1]。'] })
    expect((await post('/api/chat', { headers: JSON_TYPE, body: question('合作') })).status).toBe(200)
  })
})

describe('Host names', () => {
  it('accepts only loopback names while the server listens on loopback, ALLOWED_HOSTS when set, any once exposed', async () => {
    const { isAllowedHost } = await import('../../lib/host')
    expect(isAllowedHost('127.0.0.1:3000', {})).toBe(true)
    expect(isAllowedHost('localhost:3000', {})).toBe(true)
    expect(isAllowedHost('rebound.attacker.example:3000', {})).toBe(false)
    expect(isAllowedHost('research.lab.example', { ALLOWED_HOSTS: 'research.lab.example' })).toBe(true)
    expect(isAllowedHost('other.example', { ALLOWED_HOSTS: 'research.lab.example' })).toBe(false)
    expect(isAllowedHost('192.168.1.20:3000', { HOST: '0.0.0.0' })).toBe(true)
  })
})
