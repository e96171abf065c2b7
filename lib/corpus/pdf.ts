import { readFileSync } from 'node:fs'
import { createRequire, registerHooks } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DocumentMeta } from '../types'
import { foldPdfText } from './cjk'
import { type OcrEngine, ocrEngine, ocrPdfPage } from './ocr'
import { SourceFileError } from './read'
import type { ReadFile } from './readers'

interface Item {
  str: string
  x: number
  y: number
  w: number
  h: number
}

interface Line {
  items: Item[]
  y: number
  /** the line's body font size (its largest item) */
  size: number
  left: number
  right: number
  /** 0: across the page; 1, 2: left or right column of a two-column page */
  col: number
}

const TERMINAL = /[。！？；：!?;:」』”’）)…]$/
const CIRCLED = /^[①-⑳*]+$/
const PAGE_NUMBER = /^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4})?[-—–\s]*$|^page\s+\d+(\s+of\s+\d+)?$/i
/** a page with fewer body characters than this has no usable text layer (a scan) */
const MIN_PAGE_CHARS = 20

/** pdf.js's folder (its CMaps and standard fonts are read from there). */
export function pdfjsDir(): string {
  const resolved: unknown = createRequire(import.meta.url).resolve('pdfjs-dist/package.json')
  // the server bundle replaces require.resolve by a module id: the package is then where the server runs
  return typeof resolved === 'string' ? dirname(resolved) : join(process.cwd(), 'node_modules', 'pdfjs-dist')
}

const PDFJS_MODULE = /\/node_modules\/pdfjs-dist\/legacy\/build\/pdf(?:\.worker)?\.mjs$/
let hooked = false

/**
 * pdf.js's two big modules load exactly as Node would load them, ahead of any TypeScript loader
 * (once per thread). Under tsx, whose module hooks rewrite every module that has a dynamic
 * import() and attach a source map, this saves about a second of each ingest's start.
 */
function loadPdfjsAsIs(): void {
  if (hooked || typeof registerHooks !== 'function') return
  hooked = true
  registerHooks({
    load: (url, context, nextLoad) =>
      PDFJS_MODULE.test(url) ? { format: 'module', source: readFileSync(fileURLToPath(url)), shortCircuit: true } : nextLoad(url, context),
  })
}

/** Read a PDF's text page by page in reading order, without running headers, footers and page numbers. */
export async function readPdf(path: string): Promise<ReadFile> {
  let data: Uint8Array
  try {
    data = new Uint8Array(readFileSync(path))
  } catch (err) {
    throw new SourceFileError(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
  }
  loadPdfjsAsIs()
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const dir = pdfjsDir()
  let pdf: Awaited<ReturnType<typeof getDocument>['promise']>
  const task = getDocument({
    data,
    useSystemFonts: false,
    cMapUrl: `${join(dir, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(dir, 'standard_fonts')}/`,
    verbosity: 0,
  })
  try {
    pdf = await task.promise
  } catch (err) {
    const reason = (err as Error).name === 'PasswordException' ? 'the PDF is password-protected' : `the PDF cannot be opened (${(err as Error).message})`
    throw new SourceFileError(path, reason)
  }
  try {
    const pageLines: Line[][] = []
    const heights: number[] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const { width, height } = page.getViewport({ scale: 1 })
      heights.push(height)
      const content = await page.getTextContent()
      const items: Item[] = []
      for (const it of content.items) {
        if (!('str' in it) || !it.str.trim()) continue
        items.push({ str: foldPdfText(it.str), x: it.transform[4], y: it.transform[5], w: it.width, h: Math.abs(it.transform[3]) || it.height })
      }
      pageLines.push(readingOrder(groupLines(items), width))
      page.cleanup()
    }
    removeFurniture(pageLines, heights)
    const bodySize = median(pageLines.flat().flatMap((l) => l.items.map((i) => i.h)))
    const headingSizes = [...new Set(pageLines.flat().map((l) => Math.round(l.size)))].filter((s) => s >= bodySize * 1.2).sort((a, b) => b - a)
    const pages = pageLines.map((lines) => pageText(lines, bodySize, headingSizes))
    const noText = pages.flatMap((p, i) => (p.body.replace(/\s/g, '').length < MIN_PAGE_CHARS ? [i + 1] : []))
    // pages without a text layer are read by OCR when an engine is installed
    const engine = noText.length ? ocrEngine() : undefined
    const ocrRead: number[] = []
    const ocrProblems: string[] = []
    if (engine)
      for (const n of noText) {
        const text = await ocrPdfPage(pdf, n, engine).catch((err: Error) => {
          ocrProblems.push(`page ${n}: ${err.message}`)
          return ''
        })
        if (text.replace(/\s/g, '').length < MIN_PAGE_CHARS) continue
        pages[n - 1] = { body: text, notes: '' }
        ocrRead.push(n)
      }
    const empty = noText.filter((n) => !ocrRead.includes(n))
    if (empty.length === pages.length) {
      throw new SourceFileError(path, `no page has a text layer (a scanned PDF?). ${ocrAdvice(empty, engine, ocrProblems)}`)
    }
    // a page's footnotes go after the paragraph that continues onto the next page
    const texts = pages.map((p) => p.body)
    pages.forEach((p, i) => {
      if (!p.notes) return
      const next = i + 1 < pages.length && !TERMINAL.test(p.body.trimEnd()) && texts[i + 1].includes('\n') ? i + 1 : i
      if (next === i) texts[i] = `${texts[i]}\n${p.notes}`
      else texts[next] = texts[next].replace('\n', `\n${p.notes}\n`)
    })
    const info = (await pdf.getMetadata().catch(() => undefined))?.info as Record<string, unknown> | undefined
    const notices = [
      ...(ocrRead.length
        ? [
            `page${ocrRead.length > 1 ? 's' : ''} ${ocrRead.join(', ')} of ${pdf.numPages} had no text layer and ${ocrRead.length > 1 ? 'were' : 'was'} read by OCR (${engine?.languages}); check quotes from ${ocrRead.length > 1 ? 'them' : 'it'} against the original page.`,
          ]
        : []),
      ...(empty.length
        ? [
            `page${empty.length > 1 ? 's' : ''} ${empty.join(', ')} of ${pdf.numPages} ha${empty.length > 1 ? 've' : 's'} no text layer and ${empty.length > 1 ? 'were' : 'was'} not indexed. ${ocrAdvice(empty, engine, ocrProblems)}`,
          ]
        : []),
    ]
    return { text: texts.join('\n'), pages: texts, encoding: 'pdf', meta: pdfMeta(info, pageLines[0] ?? [], headingSizes), notices }
  } finally {
    await task.destroy()
  }
}

function ocrAdvice(pages: number[], engine: OcrEngine | undefined, problems: string[]): string {
  const list = pages.length > 8 ? `${pages.slice(0, 8).join(', ')}, …` : pages.join(', ')
  if (engine)
    return problems.length
      ? `OCR (${engine.languages}) failed on them: ${problems.slice(0, 3).join('; ')}`
      : `OCR (${engine.languages}) found no text there (a picture or a blank page?).`
  return (
    `No OCR engine is available here, so scanned pages (${list}) cannot be read. ` +
    "To read them, install Debian's Tesseract with Simplified Chinese and ingest the file again (apt-get install tesseract-ocr tesseract-ocr-chi-sim), " +
    'or add a text layer first: apt-get install ocrmypdf tesseract-ocr-chi-sim && ocrmypdf -l chi_sim+eng in.pdf out.pdf, then ingest out.pdf.'
  )
}

function median(values: number[]): number {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Items on one baseline (superscripts, within a fraction of the font size, included) form a line. */
function groupLines(items: Item[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x)
  const lines: Line[] = []
  for (const item of sorted) {
    const line = lines.find((l) => Math.abs(l.y - item.y) < 0.6 * Math.max(l.size, item.h))
    if (line) {
      line.items.push(item)
      if (item.h > line.size) {
        line.size = item.h
        line.y = item.y
      }
    } else lines.push({ items: [item], y: item.y, size: item.h, left: 0, right: 0, col: 0 })
  }
  for (const l of lines) {
    l.items.sort((a, b) => a.x - b.x)
    l.left = l.items[0].x
    l.right = Math.max(...l.items.map((i) => i.x + i.w))
  }
  return lines.sort((a, b) => b.y - a.y)
}

/** Two-column pages are read column by column, where the lines leave a gap down the middle. */
function readingOrder(lines: Line[], pageWidth: number): Line[] {
  const mid = pageWidth / 2
  const splitAt = (l: Line) =>
    l.items.findIndex((it, i) => i > 0 && it.x >= mid - 2 && l.items[i - 1].x + l.items[i - 1].w <= mid + 2 && it.x - (l.items[i - 1].x + l.items[i - 1].w) > 6)
  const columnar = (l: Line) => l.right <= mid + 2 || l.left >= mid - 2 || splitAt(l) > 0
  const long = lines.filter((l) => l.items.map((i) => i.str).join('').length >= 4)
  if (long.length < 4 || long.filter(columnar).length < 0.6 * long.length || !long.some((l) => l.left >= mid - 2 || splitAt(l) > 0)) return lines

  const ordered: Line[] = []
  let left: Line[] = []
  let right: Line[] = []
  const flush = () => {
    ordered.push(...left, ...right)
    left = []
    right = []
  }
  for (const l of lines) {
    if (!columnar(l)) {
      flush()
      ordered.push(l)
      continue
    }
    const at = splitAt(l)
    if (at > 0) {
      left.push(lineOf(l.items.slice(0, at), 1))
      right.push(lineOf(l.items.slice(at), 2))
    } else if (l.left >= mid - 2) right.push({ ...l, col: 2 })
    else left.push({ ...l, col: 1 })
  }
  flush()
  return ordered
}

function lineOf(items: Item[], col: number): Line {
  const size = Math.max(...items.map((i) => i.h))
  return { items, y: items.find((i) => i.h === size)!.y, size, left: items[0].x, right: Math.max(...items.map((i) => i.x + i.w)), col }
}

const lineText = (l: Line) => l.items.map((i) => i.str).join('')
const furnitureKey = (l: Line) => lineText(l).replace(/\s+/g, '').replace(/\d+/g, '#')

/**
 * Running headers and footers (the same line, numbers aside, at the top or bottom of many pages)
 * and page numbers are page furniture, not text.
 */
function removeFurniture(pages: Line[][], heights: number[]): void {
  // furniture sits in the page margins: among the two outermost lines, within the outer 9% of the page
  const edges = (lines: Line[], height: number) => {
    const byY = [...lines].sort((a, b) => b.y - a.y)
    return [...byY.slice(0, 2), ...byY.slice(-2)].filter((l) => l.y > height * 0.91 || l.y < height * 0.09)
  }
  const counts = new Map<string, number>()
  pages.forEach((lines, p) => {
    for (const key of new Set(edges(lines, heights[p]).map(furnitureKey))) counts.set(key, (counts.get(key) ?? 0) + 1)
  })
  const repeatedOn = Math.max(2, Math.ceil(pages.length * 0.4))
  for (let p = 0; p < pages.length; p++) {
    const drop = new Set(edges(pages[p], heights[p]).filter((l) => PAGE_NUMBER.test(lineText(l).trim()) || (counts.get(furnitureKey(l)) ?? 0) >= repeatedOn))
    pages[p] = pages[p].filter((l) => !drop.has(l))
  }
}

/** Join a wrapped line to the text before it: no space in CJK text, a space between Latin words, line-end hyphens removed. */
function joinLine(text: string, next: string): string {
  if (!text) return next
  if (/[A-Za-z]-$/.test(text) && /^[a-z]/.test(next)) return text.slice(0, -1) + next
  return /[A-Za-z0-9,.;:)’”'"]$/.test(text) && /^[A-Za-z0-9(“‘'"]/.test(next) ? `${text} ${next}` : text + next
}

/** A line's text with raised, smaller note marks written as the normalizer's `^①` markers. */
function markedText(l: Line): string {
  return l.items.map((i) => (i.h < l.size * 0.9 && i.y > l.y + 0.5 && CIRCLED.test(i.str.trim()) ? `^${i.str.trim()}` : i.str)).join('')
}

/**
 * One page as normalizer input: a line per paragraph ('#' for headings, by font size) and a line
 * per footnote (smaller type at the page bottom).
 */
function pageText(lines: Line[], bodySize: number, headingSizes: number[]): { body: string; notes: string } {
  const paras: string[] = []
  const notes: string[] = []
  let current: { text: string; line: Line; heading: boolean } | undefined
  const flush = () => {
    if (current) paras.push(current.text)
    current = undefined
  }
  const columnLeft = (l: Line) => Math.min(...lines.filter((o) => o.col === l.col).map((o) => o.left))
  const columnRight = (l: Line) => Math.max(...lines.filter((o) => o.col === l.col).map((o) => o.right))
  lines.forEach((line, i) => {
    const text = markedText(line).replace(/\s+$/, '')
    const level = headingSizes.indexOf(Math.round(line.size))
    const isNote = line.size < bodySize * 0.88 && lines.slice(i).every((l) => l.size < bodySize * 0.88)
    if (isNote) {
      flush()
      const label = text.match(/^\s*([①-⑳]|\*{1,3})\s*/)
      if (label) notes.push(`${label[1]} ${text.slice(label[0].length)}`)
      else if (notes.length) notes[notes.length - 1] = joinLine(notes[notes.length - 1], text.trim())
      else notes.push(text.trim())
      return
    }
    if (level >= 0) {
      if (current?.heading && Math.round(current.line.size) === Math.round(line.size)) current.text = joinLine(current.text, text.trim())
      else {
        flush()
        current = { text: `${'#'.repeat(Math.min(level + 1, 3))} ${text.trim()}`, line, heading: true }
      }
      return
    }
    const prev = current?.line
    const gap = prev ? prev.y - line.y : 0
    const indented = line.left > columnLeft(line) + bodySize * 1.5
    const prevShort = prev ? prev.right < columnRight(prev) - bodySize * 2 : false
    const newPara = !current || current.heading || gap > line.size * 2.2 || indented || (prevShort && TERMINAL.test(current.text))
    if (newPara) {
      flush()
      current = { text: text.trim(), line, heading: false }
    } else {
      current!.text = joinLine(current!.text, text.trim())
      current!.line = line
    }
  })
  flush()
  return { body: paras.join('\n'), notes: notes.join('\n') }
}

const UNTITLED = /^(about:blank|untitled|无标题|microsoft word - .*|.*\.(docx?|pdf|tex))$/i

/** Title, authors and year from the PDF's info; else the title is the largest type on the first page. */
function pdfMeta(info: Record<string, unknown> | undefined, firstPage: Line[], headingSizes: number[]): Partial<DocumentMeta> {
  const str = (v: unknown) => (typeof v === 'string' ? foldPdfText(v).trim() : '')
  const meta: Partial<DocumentMeta> = {}
  const title = str(info?.Title)
  if (title && !UNTITLED.test(title)) meta.title = title
  else if (headingSizes.length) {
    const top = firstPage.filter((l) => Math.round(l.size) === headingSizes[0])
    if (top.length) meta.title = top.map(lineText).join('').trim()
  }
  const author = str(info?.Author)
  if (author)
    meta.authors = author
      .split(/[;；,，、]|\s+and\s+/)
      .map((a) => a.trim())
      .filter(Boolean)
  const year = str(info?.CreationDate).match(/^D:(\d{4})/)?.[1]
  if (year && meta.authors?.length) meta.year = Number(year) // a creation date says little about an anonymous file
  return meta
}
