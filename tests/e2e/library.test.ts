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
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
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
    await page.close()
  }, 180_000)
})
