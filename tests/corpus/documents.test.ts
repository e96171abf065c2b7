import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { chunkDocument } from '../../lib/chunk/chunk'
import { formatCitation } from '../../lib/corpus/cite'
import { type CorpusFile, listDocumentPaths, loadDocument } from '../../lib/corpus/load'
import { SourceFileError } from '../../lib/corpus/read'
import { createEmbedder } from '../../lib/embed'
import { BUILTIN_EMBEDDER_ID } from '../../lib/embed/bilingual'
import { ingest } from '../../lib/index/ingest'
import { IndexStore, SCHEMA_VERSION } from '../../lib/index/store'
import type { Chunk, SourceDocument } from '../../lib/types'
import { CACHE_DIR, tempDir } from '../helpers'
import { FOOTER_TEXT, HEADER_TEXT, makeScanOnlyPdf, makeTestDocx, makeTestHtml, makeTestPdf, pageSentences } from './make-fixtures'

const dir = tempDir('documents-')
const files: Record<'pdf' | 'scan' | 'docx' | 'html', string> = { pdf: '', scan: '', docx: '', html: '' }
const file = (path: string): CorpusFile => listDocumentPaths([path])[0]

beforeAll(async () => {
  files.pdf = await makeTestPdf(dir)
  files.scan = await makeScanOnlyPdf(dir)
  files.docx = await makeTestDocx(dir)
  files.html = makeTestHtml(dir)
}, 120_000)

describe('PDF reader', () => {
  let doc: SourceDocument
  let chunks: Chunk[]
  beforeAll(async () => {
    doc = await loadDocument(file(files.pdf))
    chunks = await chunkDocument(doc)
  }, 60_000)

  it('reads every sentence whole, in reading order (the two-column page column by column)', () => {
    for (const page of [1, 2, 3, 5]) {
      let at = -1
      for (const sentence of pageSentences(page)) {
        const found = doc.text.indexOf(sentence)
        expect(found, `page ${page}: ${sentence}`).toBeGreaterThan(at)
        at = found
      }
    }
  })

  it('keeps running headers, footers and page numbers out of every passage, and breaks no sentence at a line end', () => {
    const passages = chunks.filter((c) => c.kind === 'passage')
    expect(passages.length).toBeGreaterThan(3)
    for (const c of passages) {
      expect(c.text).not.toContain(HEADER_TEXT)
      expect(c.text).not.toContain(FOOTER_TEXT)
      expect(c.text).not.toMatch(/第 \d+ 页|^\s*\d+\s*$/m)
      // a line ends a heading or a sentence, never the middle of one
      for (const line of c.text.split('\n').slice(0, -1)) expect(line, c.text).toMatch(/^#|[。！？]$/)
    }
  })

  it('knows the page of every passage', () => {
    for (const c of chunks.filter((c) => c.kind === 'passage')) {
      const pages = [...c.text.matchAll(/第(\d+)页第\d+句/g)].map((m) => Number(m[1]))
      expect(pages.length, c.text).toBeGreaterThan(0)
      expect(c.page, c.text).toBe(Math.min(...pages))
      expect(c.pageEnd ?? c.page, c.text).toBe(Math.max(...pages))
    }
  })

  it('splits the footnote off into the references, linked to its marker, on its page', () => {
    expect(doc.references).toHaveLength(1)
    const [note] = doc.references
    expect(note.text).toContain('《基层治理的逻辑》')
    expect(note.citedAt).toHaveLength(1)
    expect(doc.text.slice(0, note.citedAt[0].start)).toContain('第1页第3句')
    expect(chunks.find((c) => c.kind === 'reference')).toMatchObject({ page: 1 })
  })

  it('names the pages without a text layer and how to get OCR, takes the title from the first page', () => {
    expect(doc.pageCount).toBe(5)
    expect(doc.notices?.join(' ')).toMatch(/page 4 of 5 has no text layer.*(tesseract-ocr-chi-sim|OCR \(chi_sim\+eng\) found no text)/)
    expect(doc.meta.title).toBe('数字时代的基层治理研究')
  })

  it('rejects a PDF of scanned pages only with the reason, never an empty document', async () => {
    const err = await loadDocument(file(files.scan)).catch((e) => e)
    expect(err).toBeInstanceOf(SourceFileError)
    expect((err as SourceFileError).reason).toMatch(/no page has a text layer.*OCR/)
  })

  it('puts the page into cite-this', () => {
    const chunk = chunks.find((c) => c.page === 3)!
    expect(formatCitation(doc.meta, chunk.section.join(' > '), chunk).gbt7714).toContain('第 3 页')
    expect(formatCitation(doc.meta, undefined, { page: 2, pageEnd: 3 }).apa7).toContain('pp. 2–3')
  })
})

describe('Word reader', () => {
  it('makes headings sections and footnotes references linked to their markers', async () => {
    const doc = await loadDocument(file(files.docx))
    expect(doc.meta).toMatchObject({ title: '平台经济的规制', authors: ['李四'] })
    expect(doc.sections.map((s) => s.title)).toEqual(expect.arrayContaining(['一、平台的定义', '二、规制的路径']))
    expect(doc.references).toHaveLength(1)
    expect(doc.references[0].text).toContain('《平台经济导论》')
    expect(doc.references[0].citedAt).toHaveLength(1)
    const chunks = await chunkDocument(doc)
    expect(chunks.find((c) => c.text.includes('反垄断审查'))?.section).toContain('二、规制的路径')
  })
})

describe('web page reader', () => {
  it('keeps the article and its metadata, not the navigation or the footer', async () => {
    const doc = await loadDocument(file(files.html))
    expect(doc.meta).toMatchObject({ title: '城市更新中的社区参与', authors: ['赵六'], year: 2023, url: 'https://example.org/articles/urban-renewal' })
    expect(doc.text).toContain('居民议事会')
    expect(doc.text).not.toMatch(/关于我们|备案号|作者：/)
    expect(doc.sections.map((s) => s.title)).toEqual(expect.arrayContaining(['参与的机制', '面临的挑战']))
    expect(formatCitation(doc.meta).gbt7714).toContain('https://example.org/articles/urban-renewal')
  })
})

describe('ingesting named files', () => {
  it('adds single files to the index with their pages stored, keeps what it cannot read as a failure with the reason', async () => {
    const indexDir = join(tempDir('documents-index-'), 'index')
    const run = (paths: string[]) =>
      ingest({
        corpusDir: dir,
        paths,
        indexDir,
        embedderId: BUILTIN_EMBEDDER_ID,
        makeEmbedder: () => createEmbedder(BUILTIN_EMBEDDER_ID, { cacheDir: CACHE_DIR }),
      })
    const first = await run([files.pdf, files.docx])
    expect(first).toMatchObject({ documents: 2, failed: [] })
    expect(first.notices[0]).toMatchObject({ file: 'governance.pdf' })
    // a second run with other files adds to the index, a scan-only PDF fails with the reason
    const second = await run([files.html, files.scan])
    expect(second.documents).toBe(3)
    expect(second.failed).toEqual([{ file: files.scan, reason: expect.stringMatching(/no page has a text layer/) }])

    const store = IndexStore.open(indexDir, { readonly: true })
    try {
      const stored = store.chunksOf('governance').filter((c) => c.kind === 'passage')
      expect(stored.every((c) => c.page !== undefined)).toBe(true)
      expect(stored.some((c) => c.page === 5)).toBe(true)
      expect(store.chunksOf('article').every((c) => c.page === undefined)).toBe(true)
    } finally {
      store.close()
    }
  }, 120_000)

  it('migrates a schema-2 store (chunks without pages) in place', async () => {
    const indexDir = join(tempDir('documents-v2-'), 'index')
    await ingest({
      corpusDir: dir,
      paths: [files.docx],
      indexDir,
      embedderId: BUILTIN_EMBEDDER_ID,
      makeEmbedder: () => createEmbedder(BUILTIN_EMBEDDER_ID, { cacheDir: CACHE_DIR }),
    })
    const old = IndexStore.open(indexDir)
    old.db.exec(
      "DROP TABLE unindexed; ALTER TABLE chunks DROP COLUMN page; ALTER TABLE chunks DROP COLUMN page_end; UPDATE meta SET value = '2' WHERE key = 'schema_version'",
    )
    old.close()
    const migrated = IndexStore.open(indexDir)
    try {
      expect(migrated.meta('schema_version')).toBe(String(SCHEMA_VERSION))
      expect(migrated.chunksOf('platform').length).toBeGreaterThan(0)
    } finally {
      migrated.close()
    }
  }, 60_000)
})
