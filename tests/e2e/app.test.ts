import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type RunningApp, SCREENSHOT_DIR, startApp } from './server'

let app: RunningApp
let browser: Browser

beforeAll(async () => {
  app = await startApp()
  browser = await launchChromium()
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

/** Ask in the chat; returns ms from pressing Enter to the first answer text in the DOM (timed in the page). */
async function ask(page: Page, question: string): Promise<number> {
  const before = await page.locator('li.message.assistant').count()
  await page.fill('#question', question)
  await page.evaluate((before) => {
    const w = window as unknown as { firstText?: Promise<number> }
    w.firstText = new Promise((resolve) => {
      const started = performance.now()
      const check = () => {
        const answer = document.querySelectorAll('li.message.assistant .answer-text')[before]
        if (answer?.textContent?.trim()) {
          observer.disconnect()
          resolve(performance.now() - started)
        }
      }
      const observer = new MutationObserver(check)
      observer.observe(document.body, { childList: true, subtree: true, characterData: true })
    })
  }, before)
  await page.press('#question', 'Enter')
  const firstText = await page.evaluate(() => (window as unknown as { firstText: Promise<number> }).firstText)
  await page.locator('.composer button[type=submit]').waitFor() // streaming finished
  return Math.round(firstText)
}

describe('chat in Chromium', () => {
  it('answers a Chinese and an English question with citations that open the passage, and keeps history on reload', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    await page.goto(app.url)
    await expect(page.getByTestId('status-line').textContent()).resolves.toMatch(/^离线回答/)

    const zhMs = await ask(page, '中俄技术转移网络存在什么问题？')
    const zhAnswer = page.locator('li.message.assistant').nth(0)
    await expect(zhAnswer.locator('.answer-text').textContent()).resolves.toMatch(/技术转移/)
    const chip = zhAnswer.locator('.answer-text .chip').first()
    const n = await chip.textContent()
    await chip.click()
    const panel = page.locator('aside.panel')
    await panel.waitFor()
    expect(await panel.locator('.chip').textContent()).toBe(n)
    expect((await panel.locator('.panel-text').textContent())!.length).toBeGreaterThan(50)
    expect(await panel.locator('.panel-text mark').count()).toBeGreaterThan(0)
    expect(await panel.locator('a.panel-link').getAttribute('href')).toMatch(/^\/docs\/[^?]+\?chunk=/)

    const enMs = await ask(page, 'What hampers technology transfer between China and Russia?')
    const enAnswer = page.locator('li.message.assistant').nth(1)
    await expect(enAnswer.locator('.answer-text').textContent()).resolves.toMatch(/^\s*Under “[^”]+” \([a-z][^)]*\), on .*技术转移 \(/)
    expect(await enAnswer.locator('.answer-text .chip').count()).toBeGreaterThan(0)
    expect(await enAnswer.locator('.sources li').count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'chat.png'), fullPage: true })
    const timings = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.endsWith('/api/chat'))
        .map((e) => [Math.round(e.startTime), Math.round(e.responseStart - e.startTime), Math.round(e.duration)]),
    )
    console.log(`first answer text on screen after ${zhMs} ms (zh) and ${enMs} ms (en); /api/chat [start, first byte, total] ms: ${JSON.stringify(timings)}`)

    await page.reload()
    await page.locator('li.message.assistant .answer-text .chip').first().waitFor()
    expect(await page.locator('li.message.user').allTextContents()).toEqual([
      '中俄技术转移网络存在什么问题？',
      'What hampers technology transfer between China and Russia?',
    ])
    await page.locator('li.message.assistant').nth(1).locator('.answer-text .chip').first().click()
    await page.locator('aside.panel .panel-text').waitFor()
    await page.close()
  })

  it('says a pasted question is too long instead of cutting it, and will not send it', async () => {
    const page = await browser.newPage({ locale: 'en-US' })
    await page.goto(app.url)
    await page.fill('#question', '中俄科技合作'.repeat(400))
    expect((await page.inputValue('#question')).length).toBe(2400)
    await expect(page.locator('#too-long').textContent()).resolves.toMatch(/longer than 2000 characters \(2400 now\)/)
    expect(await page.locator('.composer button[type=submit]').isDisabled()).toBe(true)
    await page.fill('#question', '中俄科技合作')
    expect(await page.locator('#too-long').count()).toBe(0)
    await page.close()
  })

  it("opens in the browser's language, fits a 375-px-wide screen and switches the interface language", async () => {
    const english = await browser.newPage({ locale: 'en-US' })
    await english.goto(app.url)
    await expect.poll(() => english.locator('h1').textContent()).toBe('Chinese Research Assistant')
    await english.close()
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 375, height: 740 } })
    await page.goto(app.url)
    await expect.poll(() => page.locator('h1').textContent()).toBe('中文文献研究助手')
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.locator('h1').textContent()).resolves.toBe('Chinese Research Assistant')
    await ask(page, '中俄科技创新年举办了哪些活动？')
    await page.locator('li.message.assistant .answer-text .chip').first().click()
    await page.locator('aside.panel').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-375px.png') })
    await page.close()
  })
})

/** The passage's characters as the viewer highlights them (all <mark> pieces, in order). */
const highlighted = (page: Page) => page.locator('mark.passage').evaluateAll((marks) => marks.map((m) => m.textContent).join(''))
const squash = (s: string) => s.replace(/\s+/g, '')

describe('document viewer and search in Chromium', () => {
  it('highlights exactly the cited passage, links the source markers to its notes and back, and offers cite-this', async () => {
    const doc = (await (await fetch(`${app.url}/api/docs/tang-china-russia-st-cooperation-2025-uncertainty`)).json()) as {
      text: string
      chunks: { id: string; kind: string; start: number; end: number }[]
      markers: { start: number; end: number; refId?: string }[]
      references: { id: string; citedAt: { start: number }[] }[]
    }
    // a passage that carries source markers
    const chunk = doc.chunks.find((c) => c.kind === 'passage' && doc.markers.some((m) => m.start >= c.start && m.end <= c.end))!
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1024, height: 800 } })
    await page.goto(`${app.url}/docs/tang-china-russia-st-cooperation-2025-uncertainty?chunk=${encodeURIComponent(chunk.id)}`)
    expect(squash(await highlighted(page))).toBe(squash(doc.text.slice(chunk.start, chunk.end)))
    const first = await page
      .locator('mark.passage')
      .first()
      .evaluate((m) => [Number(m.getAttribute('data-start')), m.getBoundingClientRect().top])
    expect(first[0]).toBe(chunk.start)
    expect(first[1]).toBeGreaterThanOrEqual(0) // scrolled into view
    expect(first[1]).toBeLessThan(800)

    const marker = page.locator('mark.passage a.marker').first()
    const href = (await marker.getAttribute('href'))!
    await marker.click()
    await expect(page.evaluate(() => location.hash)).resolves.toBe(href)
    await page.locator(`${href} a.backlink`).first().click()
    await expect(page.evaluate(() => location.hash)).resolves.toMatch(/^#m-\d+$/)

    expect(await page.locator('code[data-style=gbt7714]').first().textContent()).toBe('唐新华, 张泽明, 施晨欣. 2025 年中俄科技合作不确定性增加[Z].')
    expect(await page.locator('code[data-style=apa7]').nth(1).textContent()).toMatch(/^Tang, X\., Zhang, Z\., & Shi, C\. \(n\.d\.\)\. .* Section: /)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'viewer.png') })
    await page.close()
  })

  it('says so when a cited passage no longer exists (the document was re-ingested)', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1024, height: 800 } })
    await page.goto(
      `${app.url}/docs/tang-china-russia-st-cooperation-2025-uncertainty?chunk=${encodeURIComponent('tang-china-russia-st-cooperation-2025-uncertainty:p:0000000000')}`,
    )
    await expect(page.locator('.doc-passage-missing').textContent()).resolves.toMatch(/no longer exists in the index|已不在索引中/)
    expect(await page.locator('mark.passage').count()).toBe(0)
    expect(await page.locator('article h1').count()).toBe(1)
    await page.close()
  })

  it('opens a cited byline (who wrote the document) on the front matter', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1024, height: 800 } })
    const docId = 'tang-china-russia-st-cooperation-2025-uncertainty'
    await page.goto(`${app.url}/docs/${docId}?chunk=${encodeURIComponent(`${docId}#byline`)}`)
    expect(await page.locator('.doc-passage-missing').count()).toBe(0)
    // the front matter: the title and the byline blocks after it
    expect((await page.locator('mark.passage').allTextContents()).join('').length).toBeGreaterThan(10)
    await expect(page.locator('.doc-passage-info').textContent()).resolves.toMatch(/署名|Byline/)
    await page.close()
  })

  it('opens the viewer at the passage from a chat citation', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    await page.goto(app.url)
    await page.evaluate(() => localStorage.clear())
    await page.reload()
    await ask(page, '文中关于美国太空安全联盟的论述引用了哪篇文章？')
    await page.locator('li.message.assistant .answer-text .chip').first().click()
    const link = page.locator('aside.panel a.panel-link')
    const passageText = (await page.locator('aside.panel .panel-text').textContent())!
    await link.click()
    await page.locator('mark.passage').first().waitFor()
    expect(squash(await highlighted(page))).toBe(squash(passageText))
    await page.close()
  })

  it('marks the quoted sentence in the passage panel and in the viewer, and scrolls to it', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    await page.goto(app.url)
    await ask(page, '中俄技术转移网络存在什么问题？')
    const answer = page.locator('li.message.assistant').last()
    await answer.locator('.answer-text .chip').first().click()
    const quoted = squash((await page.locator('aside.panel .panel-text .quoted').textContent())!)
    expect(quoted.length).toBeGreaterThan(8)
    expect(squash((await answer.locator('.answer-text').textContent())!)).toContain(quoted.slice(0, 8))
    await page.locator('aside.panel a.panel-link').click()
    await page.locator('mark.passage.quote').first().waitFor()
    const marked = await page.locator('mark.passage.quote').evaluateAll((marks) => marks.map((m) => m.textContent).join(''))
    expect(squash(marked)).toBe(quoted)
    // the sentence is what the page scrolls to, and the rest of the passage is still marked around it
    expect(await page.locator('#passage.quote').count()).toBe(1)
    expect(squash(await highlighted(page)).length).toBeGreaterThan(quoted.length)
    await page.close()
  })

  it('searches in both languages with highlighted hits, filters by document and opens the viewer', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' })
    await page.goto(`${app.url}/search`)
    await page.fill('#q', 'technology transfer')
    await page.press('#q', 'Enter')
    await page.locator('article.hit').first().waitFor()
    expect(await page.locator('article.hit mark').count()).toBeGreaterThan(0)
    expect(await page.locator('article.hit mark').allTextContents()).toContain('技术转移')
    expect(await page.locator('p.notice').count()).toBe(0)
    // words no passage has: the hits are only the closest in meaning, and the page says so
    await page.fill('#q', 'xyzzy plugh')
    await page.press('#q', 'Enter')
    await page.locator('p.notice').waitFor()
    await expect(page.locator('p.notice').textContent()).resolves.toBe('没有段落包含这些词，下面是意思最接近的段落。')
    await page.fill('#q', 'technology transfer')
    await page.press('#q', 'Enter')
    await page.locator('p.notice').waitFor({ state: 'detached' })

    await page.selectOption('#doc', 'tang-china-russia-st-cooperation-2025-uncertainty')
    await page.waitForFunction(() => [...document.querySelectorAll('article.hit h2')].every((h) => h.textContent!.includes('2025')))
    await page.fill('#q', '数字经济')
    await page.press('#q', 'Enter')
    await page.waitForFunction(() => [...document.querySelectorAll('article.hit mark')].some((m) => m.textContent === '数字经济'))
    const titles = await page.locator('article.hit h2').allTextContents()
    expect(titles.every((t) => t.includes('2025 年中俄科技合作不确定性增加'))).toBe(true)
    // the address now names the search: opened again (shared, bookmarked), it runs it
    const address = page.url()
    expect(new URL(address).searchParams.get('q')).toBe('数字经济')
    const again = await browser.newPage({ locale: 'zh-CN' })
    await again.goto(address)
    await again.waitForFunction(() => [...document.querySelectorAll('article.hit mark')].some((m) => m.textContent === '数字经济'))
    expect(await again.inputValue('#q')).toBe('数字经济')
    // the document list loads beside the search; the filter shows the document once its option exists
    await again.waitForFunction(() => (document.querySelector('#doc') as HTMLSelectElement).value === 'tang-china-russia-st-cooperation-2025-uncertainty')
    await again.close()
    await page.locator('article.hit h2 a').first().click()
    await page.locator('mark.passage').first().waitFor()
    await page.close()
  })
})

/** Moves the pointer onto the first Chinese character inside `selector` (or taps it); returns that character. */
async function pointAtHan(page: Page, selector: string, tap = false): Promise<string> {
  const at = await page
    .locator(selector)
    .first()
    .evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = node.textContent!.search(/[\u4e00-\u9fff]/)
        if (i < 0) continue
        const range = document.createRange()
        range.setStart(node, i)
        range.setEnd(node, i + 1)
        const r = range.getBoundingClientRect()
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, char: node.textContent![i] }
      }
      throw new Error('no Chinese text')
    })
  if (tap) await page.mouse.click(at.x, at.y)
  else await page.mouse.move(at.x, at.y)
  return at.char
}

describe('trustworthy answers and the reading aid in Chromium', () => {
  it('declines near-miss questions in both languages, saying what the documents do not mention', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    await page.goto(app.url)
    await page.evaluate(() => localStorage.clear())
    await page.reload()
    await ask(page, 'How much money does Kazakhstan put into China-Russia technology cooperation?')
    const en = page.locator('li.message.assistant').nth(0)
    await expect(en.locator('.answer-text').textContent()).resolves.toMatch(/^The documents do not mention Kazakhstan \(哈萨克斯坦\)\./)
    await expect(en.locator('.answer-text').textContent()).resolves.toContain('Possibly related')
    await ask(page, '哈萨克斯坦在中俄科技合作中扮演什么角色？')
    const zh = page.locator('li.message.assistant').nth(1)
    await expect(zh.locator('.answer-text').textContent()).resolves.toMatch(/^文献中没有提到哈萨克斯坦。/)
    await expect(zh.locator('.meta').textContent()).resolves.toContain('文献中未找到答案')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'declined.png'), fullPage: true })
    await page.close()
  })

  it('shows pinyin and gloss for a hovered or tapped Chinese word in answers, the passage panel and the viewer; glosses a passage word by word', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    await page.goto(app.url)
    await page.evaluate(() => localStorage.clear())
    await page.reload()
    await ask(page, 'What hampers technology transfer between China and Russia?')
    const answer = page.locator('li.message.assistant .answer-text').first()
    const tip = page.getByTestId('gloss-tip')

    // tap a word of a quote in the answer
    const tapped = await pointAtHan(page, 'li.message.assistant .answer-text', true)
    await tip.waitFor()
    await expect(tip.locator('.gloss-word').textContent()).resolves.toContain(tapped)
    await expect(tip.locator('.gloss-pinyin').textContent()).resolves.toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/)

    // hover a word of the passage panel
    await answer.locator('.chip').first().click()
    await page.locator('aside.panel .panel-text').waitFor()
    const hovered = await pointAtHan(page, 'aside.panel .panel-text')
    await page.waitForFunction((c) => document.querySelector('[data-testid=gloss-tip] .gloss-word')?.textContent?.includes(c), hovered)
    await expect(tip.locator('.gloss-sense').textContent()).resolves.toMatch(/[a-z]{3}/)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'reading-aid.png') })

    // the word-by-word gloss of the passage
    await page.getByRole('button', { name: '逐词释义' }).click()
    await page.locator('aside.panel [data-testid=glossed-word]').nth(5).waitFor()
    const glossed = await page.locator('aside.panel [data-testid=glossed-word]').evaluateAll((ws) => ws.map((w) => w.textContent))
    expect(glossed.filter((w) => /[a-z]{3}/.test(w ?? '')).length).toBeGreaterThan(5)
    // the quoted sentence stays marked word by word
    expect(await page.locator('aside.panel .glossed-word.quoted').count()).toBeGreaterThan(2)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'word-by-word.png') })

    // hover a word in the document viewer
    await page.locator('aside.panel a.panel-link').click()
    await page.locator('mark.passage').first().waitFor()
    await page.mouse.move(0, 0)
    const inViewer = await pointAtHan(page, 'mark.passage')
    await page.waitForFunction((c) => document.querySelector('[data-testid=gloss-tip] .gloss-word')?.textContent?.includes(c), inViewer)
    await page.close()
  })

  it('opens a passage when a finger taps a chip, without popping up the gloss of the word it lands on', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true })
    await page.goto(app.url)
    await ask(page, 'What hampers technology transfer between China and Russia?')
    await page.locator('li.message.assistant .answer-text .chip').first().tap()
    await page.locator('aside.panel .panel-text').waitFor()
    await new Promise((r) => setTimeout(r, 600))
    expect(await page.getByTestId('gloss-tip').count()).toBe(0)
    // a tap on a word still shows its gloss
    await pointAtHan(page, 'aside.panel .panel-text', true)
    await page.getByTestId('gloss-tip').waitFor()
    await page.close()
  })

  it('search page: interface language, merged hits without scores or one-character highlights, a form that fits 375 px', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 375, height: 740 } })
    await page.goto(`${app.url}/search`)
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.locator('h1').textContent()).resolves.toBe('Passage search')
    await page.fill('#q', 'technology transfer between China and Russia')
    await page.press('#q', 'Enter')
    await page.locator('article.hit').first().waitFor()
    expect(await page.locator('article.hit').evaluateAll((hits) => hits.some((h) => /score/i.test(h.textContent ?? '')))).toBe(false)
    const marks = await page.locator('article.hit mark').allTextContents()
    expect(marks.length).toBeGreaterThan(0)
    expect(marks.every((m) => [...m].length >= 2)).toBe(true)
    // no two hits repeat the same sentence
    const texts = await page.locator('article.hit p').allTextContents()
    const sentences = texts.flatMap((t) => t.split(/(?<=[。！？])/).filter((x) => x.length > 15))
    expect(new Set(sentences).size).toBe(sentences.length)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    const box = (await page.locator('.search-form button[type=submit]').boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(375)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'search-375px.png') })
    // the viewer follows the chosen language too
    await page.locator('article.hit h2 a').first().click()
    await page.locator('mark.passage').first().waitFor()
    await page.waitForFunction(() => document.querySelector('.doc-nav')?.textContent?.includes('Passage search'))
    await page.close()
  })
})
