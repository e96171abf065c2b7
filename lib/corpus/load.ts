import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { z } from 'zod'
import type { DocumentMeta, SourceDocument } from '../types'
import { normalizeText } from './normalize'
import { pageSpans } from './pages'
import { SourceFileError } from './read'
import { DOCUMENT_EXTENSIONS, readDocumentFile } from './readers'

/** Optional `<name>.meta.json` beside a source file; its fields override what was detected. */
export const SidecarSchema = z
  .object({
    title: z.string().min(1),
    titleEn: z.string().min(1),
    authors: z.array(z.string().min(1)),
    affiliation: z.string(),
    venue: z.string(),
    year: z.number().int().min(1900).max(2100),
    volume: z.string(),
    issue: z.string(),
    pages: z.string(),
    url: z.string().url(),
    source: z.string(),
  })
  .partial()
  .strict()

export interface CorpusFile {
  path: string
  docId: string
  /** hash of the file bytes and its sidecar: a change to either re-ingests the document */
  sha256: string
}

const isDocumentName = (name: string) => DOCUMENT_EXTENSIONS.includes(extname(name).toLowerCase()) && !name.startsWith('.')

export function listCorpusFiles(dir: string): CorpusFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`Corpus directory not found: ${dir}`)
  return readdirSync(dir)
    .filter(isDocumentName)
    .sort()
    .map((name) => corpusFile(join(dir, name)))
}

/** The documents named on a command line: files as given, folders by the files in them. */
export function listDocumentPaths(paths: string[]): CorpusFile[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) throw new SourceFileError(path, 'no such file or folder')
    if (statSync(path).isDirectory()) return listCorpusFiles(path)
    if (!isDocumentName(basename(path)))
      throw new SourceFileError(path, `files of type "${extname(path) || '(none)'}" cannot be read; supported: ${DOCUMENT_EXTENSIONS.join(', ')}`)
    return [corpusFile(path)]
  })
}

function corpusFile(path: string): CorpusFile {
  const hash = createHash('sha256').update(readFileSync(path))
  const sidecar = sidecarPath(path)
  if (existsSync(sidecar)) hash.update(readFileSync(sidecar))
  return { path, docId: docIdFor(basename(path)), sha256: hash.digest('hex') }
}

export function docIdFor(fileName: string): string {
  return basename(fileName, extname(fileName))
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
}

export const sidecarPath = (path: string) => `${path.slice(0, -extname(path).length)}.meta.json`

function readSidecar(path: string): Partial<DocumentMeta> {
  const file = sidecarPath(path)
  if (!existsSync(file)) return {}
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new SourceFileError(file, `the metadata sidecar is not valid JSON (${(err as Error).message})`)
  }
  const parsed = SidecarSchema.safeParse(json)
  if (!parsed.success) {
    throw new SourceFileError(file, `the metadata sidecar is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const { source: _source, ...meta } = parsed.data
  return meta
}

/** Read (by the file's type), decode and normalize one document (throws SourceFileError with the reason). */
export async function loadDocument(file: CorpusFile): Promise<SourceDocument> {
  const read = await readDocumentFile(file.path)
  const normalized = normalizeText(read.text) // Markdown '#' headings are recognised like any other heading
  if (!normalized.blocks.some((b) => b.kind === 'paragraph')) {
    throw new SourceFileError(file.path, 'no paragraphs of text were found in the file')
  }
  const detected = { ...normalized.detected, ...read.meta }
  const meta: DocumentMeta = {
    ...detected,
    title: detected.title ?? basename(file.path, extname(file.path)),
    authors: detected.authors ?? [],
    ...readSidecar(file.path),
  }
  return {
    id: file.docId,
    fileName: basename(file.path),
    sha256: file.sha256,
    encoding: read.encoding,
    meta,
    text: normalized.text,
    blocks: normalized.blocks,
    sections: normalized.sections,
    markers: normalized.markers,
    references: normalized.references,
    ...(read.pages ? { pageCount: read.pages.length, pageSpans: pageSpans(normalized.text, read.pages) } : {}),
    ...(read.notices?.length ? { notices: read.notices } : {}),
  }
}
