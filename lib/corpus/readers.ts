import { extname } from 'node:path'
import type { DocumentMeta } from '../types'
import { SourceFileError } from './read'

/** What a reader gets out of one file, before normalization. */
export interface ReadFile {
  /** text for the normalizer: one line per paragraph or PDF line, '#' headings, `[^n]`/`^①` markers and note lines */
  text: string
  /** the text encoding for plain text, else the format ('pdf', 'docx', 'html') */
  encoding: string
  /** metadata the file itself gives (PDF info, docx properties, HTML meta); detected values fill the rest */
  meta?: Partial<DocumentMeta>
  /** for paged formats: each page's text as it went into `text`, in order (for page numbers) */
  pages?: string[]
  /** things the user should know (e.g. pages without a text layer) */
  notices?: string[]
}

export interface DocumentReader {
  extensions: string[]
  read(path: string): Promise<ReadFile>
}

// each reader's library is imported only when a file of its kind is read
const READERS: DocumentReader[] = [
  { extensions: ['.txt', '.md'], read: async (path) => (await import('./read')).readSourceFile(path) },
  { extensions: ['.pdf'], read: async (path) => (await import('./pdf')).readPdf(path) },
  { extensions: ['.docx'], read: async (path) => (await import('./docx')).readDocx(path) },
  { extensions: ['.html', '.htm'], read: async (path) => (await import('./html')).readHtml(path) },
]

export const DOCUMENT_EXTENSIONS = READERS.flatMap((r) => r.extensions)

export function readerFor(path: string): DocumentReader {
  const ext = extname(path).toLowerCase()
  const reader = READERS.find((r) => r.extensions.includes(ext))
  if (!reader) throw new SourceFileError(path, `files of type "${ext || '(none)'}" cannot be read; supported: ${DOCUMENT_EXTENSIONS.join(', ')}`)
  return reader
}

export function readDocumentFile(path: string): Promise<ReadFile> {
  return readerFor(path).read(path)
}
