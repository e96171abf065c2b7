import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTestHtml, makeTestPdf } from '../corpus/make-fixtures'
import { tempDir } from '../helpers'
import { launchChromium, type RunningApp, SCREENSHOT_DIR, startApp } from './server'

let app: RunningApp
let browser: Browser
const dir = tempDir('e2e-library-')
let pdf: string
let html: string

beforeAll(async () => {
  pdf = await makeTestPdf(dir)
  html = makeTestHtml(dir)
  app = await startApp({ LIBRARY_DIR: join(dir, 'library') })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('library page in Chromium', () => {
  it('uploads files with progress and live status, lists them, and the chat answers from them with the page cited', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    await page.goto(`${app.url}/library`)
    await page.setInputFiles('input[type=file]', [pdf, html])
    for (const name of ['governance.pdf', 'article.html']) {
      await page.locator(`.uploads li[data-file="${name}"][data-status="done"]`).waitFor({ timeout: 60_000 })
    }
    // the PDF's page without a text layer is reported, not silently dropped
    await expect(page.locator('.uploads li[data-file="governance.pdf"] .upload-notice').textContent()).resolves.toMatch(/page 4 of 5 has no text layer/)
    const row = page.locator('tr[data-doc="governance"]')
    await row.waitFor()
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['数字时代的基层治理研究', '5']))
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'library.png'), fullPage: true })

    // a question only the new PDF answers, without a restart; its citation shows the page
    await page.goto(app.url)
    await page.fill('#question', '第3页第7句讨论的是什么领域的制度安排？')
    await page.press('#question', 'Enter')
    await page.locator('.composer button[type=submit]').waitFor()
    const answer = page.locator('li.message.assistant').last()
    await answer.locator('.sources li').first().waitFor()
    const sources = await answer.locator('.sources li').allTextContents()
    expect(
      sources.some((s) => s.includes('数字时代的基层治理研究') && /p\. 3/.test(s)),
      sources.join(' | '),
    ).toBe(true)

    // the citation opens the document; the original page is drawn by pdf.js with the passage highlighted
    const link = answer.locator('.sources li a', { hasText: '数字时代的基层治理研究' }).first()
    await page.goto(`${app.url}${await link.getAttribute('href')}`)
    const passage = (await page.locator('mark.passage').allTextContents()).join('')
    expect(passage.length).toBeGreaterThan(10)
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.getByRole('button', { name: /Original page/ }).click()
    const original = page.locator('.original-page[data-state="rendered"]')
    await original.waitFor({ timeout: 30_000 })
    expect(await original.getAttribute('data-page')).toBe('3')
    // the canvas has ink on it (not a blank page)
    const inked = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.pdf-page canvas')!
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
      let dark = 0
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] < 128) dark++
      return { width: canvas.width, dark }
    })
    expect(inked.width).toBeGreaterThan(300)
    expect(inked.dark).toBeGreaterThan(1000)
    const hits = (await original.locator('.textLayer .passage-hit').allTextContents()).map((t) => t.replace(/\s+/g, '')).filter((t) => t.length >= 4)
    expect(hits.length).toBeGreaterThan(0)
    const compact = passage.replace(/\s+/g, '')
    expect(hits.some((t) => compact.includes(t))).toBe(true)
    expect(errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([])
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'original-page.png'), fullPage: true })

    // the original file is served as a PDF; documents without a kept PDF answer 404
    const res = await fetch(`${app.url}/api/docs/governance/original`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')
    for (const id of ['article', '..%2F..%2Fpackage.json', 'nope']) expect((await fetch(`${app.url}/api/docs/${id}/original`)).status).toBe(404)
    expect((await fetch(`${app.url}/api/pdfjs/..%2F..%2Fpackage.json`)).status).toBe(404)
    expect((await fetch(`${app.url}/api/pdfjs/build/pdf.min.mjs`)).headers.get('content-type')).toMatch(/javascript/)
    await page.close()
  }, 180_000)

  it("edits a document's title, authors, year and URL on the library page; search and cite-this show them at once", async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    await page.goto(`${app.url}/library`)
    const row = page.locator('tr[data-doc="article"]')
    await row.getByRole('button', { name: /Edit/ }).click()
    const form = page.locator('form.metadata-form')
    await form.locator('input[name=title]').fill('社区议事的实践')
    await form.locator('input[name=authors]').fill('王芳、赵强')
    await form.locator('input[name=year]').fill('2021')
    await form.locator('input[name=url]').fill('https://example.org/shequ')
    // a bad value is refused with the server's reason, and the form stays open
    await form.locator('input[name=year]').evaluate((el: HTMLInputElement) => {
      el.removeAttribute('min')
    })
    await form.locator('input[name=year]').fill('1800')
    await form.getByRole('button', { name: /Save/ }).click()
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(/year must be 1900 or later/)
    await form.locator('input[name=year]').fill('2021')
    await form.getByRole('button', { name: /Save/ }).click()
    await page.locator('tr[data-doc="article"][data-edit-status="done"]').waitFor({ timeout: 60_000 })
    await expect(row.locator('td').allTextContents()).resolves.toEqual(expect.arrayContaining(['社区议事的实践', '王芳、赵强', '2021']))
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'library-edit.png'), fullPage: true })

    // the running server shows the new metadata without a restart: search hits and cite-this
    const hits = (await (
      await fetch(`${app.url}/api/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '居民议事会', k: 5 }),
      })
    ).json()) as { results: { docId: string; title: string }[] }
    expect(hits.results.find((r) => r.docId === 'article')?.title).toBe('社区议事的实践')
    await page.goto(`${app.url}/docs/article`)
    const cite = await page.locator('.cite-this code[data-style="gbt7714"]').first().textContent()
    expect(cite).toContain('王芳')
    expect(cite).toContain('社区议事的实践')
    expect(cite).toContain('https://example.org/shequ')
    await page.close()
  }, 120_000)

  it('asks before deleting an uploaded document: cancelling keeps it, confirming removes it', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    await page.goto(`${app.url}/library`)
    const row = page.locator('tr[data-doc="governance"]')
    await row.waitFor()
    let asked = ''
    page.once('dialog', (d) => {
      asked = d.message()
      void d.dismiss()
    })
    await row.getByRole('button', { name: /Delete/ }).click()
    expect(asked).toMatch(/Delete “数字时代的基层治理研究”\?/)
    await page.reload()
    await row.waitFor()
    page.once('dialog', (d) => void d.accept())
    await row.getByRole('button', { name: /Delete/ }).click()
    await row.waitFor({ state: 'detached', timeout: 60_000 })
    // and the running server's index drops it (the delete is committed as a new generation)
    const listed = async () => ((await (await fetch(`${app.url}/api/docs`)).json()) as { documents: { id: string }[] }).documents.map((d) => d.id)
    for (let i = 0; i < 60 && (await listed()).includes('governance'); i++) await new Promise((r) => setTimeout(r, 1000))
    expect(await listed()).not.toContain('governance')
    await page.close()
  }, 120_000)
})
