import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chunkDocument } from '../../lib/chunk/chunk'
import { listDocumentPaths, loadDocument } from '../../lib/corpus/load'
import { ocrEngine, ocrText } from '../../lib/corpus/ocr'
import { tempDir } from '../helpers'
import { makeScannedTextPdf, SCANNED_LINES } from './make-fixtures'

const compact = (s: string) => s.replace(/\s+/g, '')
let scanned: string

beforeAll(async () => {
  scanned = await makeScannedTextPdf(tempDir('ocr-'))
})
afterEach(() => {
  delete process.env.OCR
})

describe('ocrText', () => {
  it('joins a block of lines into a paragraph, without the spaces Tesseract puts between Chinese characters', () => {
    expect(ocrText('数 字 技 术 正 在\n改 变 社 区 。\n\nThe digital\neconomy 2024\n\f')).toBe('数字技术正在改变社区。\nThe digital economy 2024')
  })
})

// runs where Tesseract with chi_sim is installed (CI installs it); skipped, and said so, where it is not
describe.skipIf(!ocrEngine())('OCR of a page without a text layer (tesseract)', () => {
  it('reads the scanned page into the document, with its page number and a notice', async () => {
    const doc = await loadDocument(listDocumentPaths([scanned])[0])
    for (const line of SCANNED_LINES) expect(compact(doc.text)).toContain(compact(line))
    expect(doc.notices?.join(' ')).toMatch(/page 2 of 2 had no text layer and was read by OCR \(chi_sim/)
    const chunks = await chunkDocument(doc)
    const chunk = chunks.find((c) => compact(c.text).includes('湿地补偿'))!
    expect(chunk.pageEnd ?? chunk.page).toBe(2)
  })
})

describe('without an OCR engine', () => {
  it('indexes the pages with text and names the scanned page, with how to get OCR', async () => {
    process.env.OCR = 'off'
    const doc = await loadDocument(listDocumentPaths([scanned])[0])
    expect(doc.text).not.toContain('湿地补偿')
    expect(doc.notices?.join(' ')).toMatch(/page 2 of 2 has no text layer and was not indexed\. No OCR engine is available.*tesseract-ocr-chi-sim/)
  })
})
