// The app as an attacker would try it: hostile documents, a hostile language model, malformed URLs
// and oversized bodies, against the real server in Chromium.
import { writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ScriptedLlm, startScriptedLlm } from '../fixtures/scripted-llm'
import { corpusCopy } from '../helpers'
import { launchChromium, type RunningApp, startApp } from './server'

let app: RunningApp
let browser: Browser
let llm: ScriptedLlm
let tracker: Server
const trackerHits: string[] = []
let pixel = ''

/** A document whose text tries links, autolinks, images, raw HTML and script. */
const hostileDocument = (pixelBase: string) => `# 量子遥感合作的安全问题

量子遥感合作的官方说明见[官方说明](http://evil.example/steal?from=quote)，相关网站为<http://evil.example/auto>，量子遥感合作需要**统一标准**与互信机制。

量子遥感合作中的图片![追踪](${pixelBase}/pixel-quote.png)不应被加载，<img src="${pixelBase}/pixel-html.png" onerror="window.__pwned=1">量子遥感合作也不应执行脚本<script>window.__pwned=2</script>。

量子遥感合作的第三段讨论数据共享机制和联合实验室建设，这是一段正常的文字，用来保证文档有多个段落，并且内容足够长以便切分。
`

beforeAll(async () => {
  tracker = createServer((req, res) => {
    trackerHits.push(req.url ?? '')
    res.end()
  })
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve))
  pixel = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`
  const corpus = corpusCopy()
  writeFileSync(join(corpus, 'hostile.md'), hostileDocument(pixel))
  llm = await startScriptedLlm()
  llm.reply({ status: 500 }) // until a test scripts it: offline answers (the readiness probe)
  app = await startApp({ LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'scripted-model', LLM_TIMEOUT_MS: '5000' }, corpus)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await llm?.close()
  await new Promise((r) => tracker?.close(r))
})

/** A page that records Content-Security-Policy violations and page errors. */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
  const problems: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  return { page, problems }
}

async function ask(page: Page, question: string) {
  const before = await page.locator('li.message.assistant').count()
  await page.fill('#question', question)
  await page.press('#question', 'Enter')
  await page.locator('li.message.assistant').nth(before).waitFor()
  await page.locator('.composer button[type=submit]').waitFor() // streaming finished
  return page.locator('li.message.assistant').nth(before)
}

async function expectNothingHostile(page: Page, problems: string[]) {
  expect(await page.locator('img').count()).toBe(0)
  const hrefs = await page.locator('.answer-text a, article a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  for (const href of hrefs) expect(href).toMatch(/^(\/(?![/\\])|#)/)
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  await new Promise((r) => setTimeout(r, 300))
  expect(trackerHits).toEqual([])
  expect(problems).toEqual([])
}

describe('safe rendering in Chromium', () => {
  it("renders a hostile model's answer as text: no image, no foreign link, no HTML, chips kept after '!'", async () => {
    llm.reply({
      chunks: [
        '资料显示量子遥感合作进展顺利！',
        `[1] ![x](${pixel}/pixel-llm.png?q=question) `,
        '详见[官方说明](http://evil.example/llm)和[检索页](/search)。',
        `<img src="${pixel}/pixel-llm-html.png" onerror="window.__pwned=3"> <script>window.__pwned=4</script> It works![1]`,
      ],
    })
    const { page, problems } = await watchedPage()
    await page.goto(app.url)
    const answer = await ask(page, '量子遥感合作的安全问题是什么？')
    const text = (await answer.locator('.answer-text').textContent())!
    expect(text).toContain('http://evil.example/llm') // a foreign link is shown as text with its URL
    expect(text).toContain('<img src=') // raw HTML is shown, not interpreted
    expect(await answer.locator('.answer-text a[href="/search"]').count()).toBe(1) // the app's own links stay links
    const chips = answer.locator('.answer-text button.chip')
    expect(await chips.count()).toBeGreaterThanOrEqual(2) // "！[1]" and "!" + "[1]": chips, not images
    await chips.first().click()
    await page.locator('aside.panel').waitFor()
    await expectNothingHostile(page, problems)
  })

  it('shows quoted source text as text in an extractive answer (no live links from the corpus)', async () => {
    llm.reply({ status: 500, errorMessage: 'upstream detail that must not reach the browser' })
    const { page, problems } = await watchedPage()
    await page.goto(app.url)
    const answer = await ask(page, '量子遥感合作的官方说明和图片')
    const text = (await answer.locator('.answer-text').textContent())!
    expect(text).toMatch(/\[官方说明\]\(http:\/\/evil\.example\/steal\?from=quote\)|<http:\/\/evil\.example\/auto>|!\[追踪\]/)
    expect(await answer.locator('.answer-text a').count()).toBe(0)
    expect(await answer.locator('.answer-text .chip').count()).toBeGreaterThan(0)
    expect(await page.content()).not.toContain('upstream detail')
    await expectNothingHostile(page, problems)
  })

  it('shows a hostile document in the viewer as text, under a CSP, without X-Powered-By', async () => {
    const docs = (await (await fetch(`${app.url}/api/docs`)).json()) as { documents: { id: string }[] }
    const id = docs.documents.find((d) => d.id.startsWith('hostile'))!.id
    const res = await fetch(`${app.url}/docs/${encodeURIComponent(id)}`)
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*img-src 'self' data:.*frame-ancestors 'none'/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-powered-by')).toBeNull()
    const { page, problems } = await watchedPage()
    await page.goto(`${app.url}/docs/${encodeURIComponent(id)}`)
    const article = (await page.locator('article').textContent())!
    expect(article).toContain('[官方说明](http://evil.example/steal?from=quote)')
    expect(article).toContain('<img src=')
    expect(await page.locator('.cite-this code').count()).toBeGreaterThan(0)
    await expectNothingHostile(page, problems)
  })
})

/** A raw HTTP request that streams `size` bytes of body; resolves with the status and the bytes sent until the response. */
function sendLarge(path: string, size: number, declare: boolean): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(declare ? { 'content-length': String(size) } : {}) }
    const req = request(`${app.url}${path}`, { method: 'POST', headers }, (res) => {
      res.resume()
      resolve({ status: res.statusCode!, sent })
      req.destroy()
    })
    req.on('error', (err) => setTimeout(() => reject(err), 2000)) // EPIPE once the server has answered is expected
    const chunk = Buffer.alloc(1024 * 1024, 0x61)
    const pump = () => {
      while (sent < size && !req.destroyed) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!req.destroyed) req.end()
    }
    pump()
  })
}

describe('the real server under malformed requests', () => {
  it('answers a 60 MB body with 413 long before it is sent, declared or not, and never resets the connection first', async () => {
    // a body still arriving after the route refused it used to throw inside Node's HTTP parser, which
    // reset the connection (now and then before the client had read the 413): repeated to catch that
    for (let i = 0; i < 8; i++)
      for (const declare of [true, false]) {
        const { status, sent } = await sendLarge('/api/search', 60_000_000, declare)
        expect(status).toBe(413)
        // answered while most of the body was still to come (4 to 13 MB sent, as measured here), not
        // after reading all of it; bytes, not milliseconds, so a busy machine does not fail it
        expect(sent).toBeLessThan(40_000_000)
      }
    expect(app.output()).not.toMatch(/uncaughtException|Controller is already closed/)
  })

  it('answers malformed URLs with 400, a non-JSON body with 415, never a 5xx', async () => {
    const page = await fetch(`${app.url}/docs/%ZZ`)
    expect(page.status).toBe(400)
    const api = await fetch(`${app.url}/api/docs/%ZZ`)
    expect(api.status).toBe(400)
    expect(await api.json()).toMatchObject({ error: { code: 'bad_request' } })
    expect((await fetch(`${app.url}/docs/%25ZZ`)).status).toBe(404)
    // (the page saying so breaks no rule of the Content-Security-Policy: Next's own styles itself inline)
    const { page: missing, problems } = await watchedPage()
    await missing.goto(`${app.url}/docs/no-such-document`)
    await expect(missing.locator('main.not-found h1').textContent()).resolves.toBe('404')
    expect(problems).toEqual([])
    await missing.close()
    const plain = await fetch(`${app.url}/api/search`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"x"}' })
    expect(plain.status).toBe(415)
    const broken = await fetch(`${app.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"messages":[' })
    expect(broken.status).toBe(400)
    expect((await fetch(`${app.url}/api/docs`)).headers.get('x-powered-by')).toBeNull()
  })

  it("answers a search the same on the server's direct path as through Next's router, with the same headers", async () => {
    const ask = (path: string) =>
      fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"技术转移","k":3}' })
    // `/api/search` is served by scripts/serve.ts itself; with a query string it goes through Next
    const [direct, routed] = await Promise.all([ask('/api/search'), ask('/api/search?via=next')])
    for (const res of [direct, routed]) {
      expect(res.status).toBe(200)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('x-powered-by')).toBeNull()
    }
    const [a, b] = [await direct.json(), await routed.json()]
    expect(a.results.length).toBe(3)
    expect(a).toEqual(b)
  })

  it('refuses a Host name it does not answer to (DNS rebinding)', async () => {
    const rebound = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${app.url}${path}`, { headers: { host: 'rebound.attacker.example' } }, (res) => {
          res.resume()
          resolve(res.statusCode!)
        })
        req.on('error', reject)
        req.end()
      })
    expect(await rebound('/api/docs')).toBe(400)
    expect(await rebound('/')).toBe(400)
  })
})
