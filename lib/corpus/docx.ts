import { readFileSync } from 'node:fs'
import { parseHTML } from 'linkedom'
import type { DocumentMeta } from '../types'
import { htmlToText } from './html-text'
import { SourceFileError } from './read'
import type { ReadFile } from './readers'

/** A Word document: headings become sections, footnotes and endnotes the document's notes. */
export async function readDocx(path: string): Promise<ReadFile> {
  let buffer: Buffer
  try {
    buffer = readFileSync(path)
  } catch (err) {
    throw new SourceFileError(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
  }
  const mammoth = (await import('mammoth')).default
  let html: string
  try {
    html = (await mammoth.convertToHtml({ buffer }, { styleMap: ["p[style-name='Title'] => h1:fresh"] })).value
  } catch (err) {
    throw new SourceFileError(path, `is not a readable Word (.docx) file (${(err as Error).message})`)
  }
  // mammoth names notes footnote-N / endnote-N and their markers footnote-ref-N
  const text = htmlToText(html, (id) => {
    const note = id.match(/^(footnote|endnote)-(\d+)$/)
    return note ? `${note[1] === 'endnote' ? 'e' : ''}${note[2]}` : undefined
  })
  if (!text.trim()) throw new SourceFileError(path, 'the Word document contains no text')
  return { text, encoding: 'docx', meta: await coreProperties(buffer) }
}

/** Title and author from docProps/core.xml, the document's properties. */
async function coreProperties(buffer: Buffer): Promise<Partial<DocumentMeta>> {
  const JSZip = (await import('jszip')).default
  const xml = await (await JSZip.loadAsync(buffer)).file('docProps/core.xml')?.async('string')
  if (!xml) return {}
  const { document } = parseHTML(xml)
  const tag = (name: string) => document.getElementsByTagName(name)[0]?.textContent?.trim()
  const meta: Partial<DocumentMeta> = {}
  const title = tag('dc:title')
  if (title) meta.title = title
  const creator = tag('dc:creator')
  if (creator)
    meta.authors = creator
      .split(/[;；,，、]/)
      .map((a) => a.trim())
      .filter(Boolean)
  return meta
}
