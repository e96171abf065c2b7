// OCR of PDF pages without a text layer, when the machine has an engine: Tesseract with its
// Simplified Chinese data (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim). The page is
// drawn by pdf.js on a canvas (@napi-rs/canvas, which pdf.js loads in Node) and read by `tesseract`.
// Without an engine nothing changes: such pages are named in the ingest's notices.
import { spawn, spawnSync } from 'node:child_process'

export interface OcrEngine {
  command: string
  /** Tesseract's languages, e.g. "chi_sim+eng" */
  languages: string
}

/** A pdf.js document and page, as much of them as drawing a page needs. */
interface PdfForOcr {
  getPage(n: number): Promise<{
    getViewport(options: { scale: number }): { width: number; height: number }
    render(options: { canvas: unknown; viewport: unknown }): { promise: Promise<void> }
    cleanup(): void
  }>
}

/** Pages are drawn at 216 dpi: enough for body text, and a page takes a second or two to read. */
const SCALE = 3
const OCR_TIMEOUT_MS = 120_000

let detected: OcrEngine | null | undefined

/**
 * The OCR engine, looked up once per process: `tesseract` (or TESSERACT_PATH) with the chi_sim
 * language; undefined when it is missing or OCR=off.
 */
export function ocrEngine(): OcrEngine | undefined {
  if (process.env.OCR === 'off') return undefined
  if (detected === undefined) {
    const command = process.env.TESSERACT_PATH || 'tesseract'
    const listed = spawnSync(command, ['--list-langs'], { encoding: 'utf8', timeout: 10_000 })
    const languages = listed.status === 0 ? listed.stdout.split('\n').map((l) => l.trim()) : []
    detected = languages.includes('chi_sim') ? { command, languages: ['chi_sim', ...(languages.includes('eng') ? ['eng'] : [])].join('+') } : null
  }
  return detected ?? undefined
}

/** Draw page `n` of a PDF and read its text with the engine (its lines joined into paragraphs). */
export async function ocrPdfPage(pdf: PdfForOcr, n: number, engine: OcrEngine): Promise<string> {
  const page = await pdf.getPage(n)
  try {
    const viewport = page.getViewport({ scale: SCALE })
    const factory = (pdf as unknown as { canvasFactory?: CanvasFactory }).canvasFactory
    if (!factory) throw new Error('pdf.js has no canvas here (the @napi-rs/canvas package is missing)')
    const drawn = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height))
    try {
      await page.render({ canvas: drawn.canvas, viewport }).promise
      return ocrText(await runTesseract(engine, drawn.canvas.toBuffer('image/png')))
    } finally {
      factory.destroy(drawn)
    }
  } finally {
    page.cleanup()
  }
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: { toBuffer(type: 'image/png'): Buffer } }
  destroy(canvasAndContext: unknown): void
}

function runTesseract(engine: OcrEngine, png: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(engine.command, ['stdin', 'stdout', '-l', engine.languages], { stdio: ['pipe', 'pipe', 'pipe'], timeout: OCR_TIMEOUT_MS })
    const out: Buffer[] = []
    let err = ''
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => {
      err += d
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'))
      else reject(new Error(`tesseract failed (${signal ?? `exit ${code}`}): ${err.trim().split('\n').pop() ?? ''}`))
    })
    child.stdin.on('error', () => {}) // a tesseract that exits early is reported by 'close'
    child.stdin.end(png)
  })
}

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/

/**
 * Tesseract's output as the PDF reader's page text: blocks (separated by blank lines) become
 * paragraphs, their lines joined (without a space between Chinese characters, with one between
 * words), and the spaces it puts between Chinese characters removed.
 */
export function ocrText(raw: string): string {
  return raw
    .replace(/\f/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) =>
          line.trim().replace(/(?<=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]) +(?=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F])/g, ''),
        )
        .filter(Boolean)
        .reduce((text, line) => (!text ? line : CJK.test(text.at(-1)!) && CJK.test(line[0]) ? text + line : `${text} ${line}`), ''),
    )
    .filter(Boolean)
    .join('\n')
}
