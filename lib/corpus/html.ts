import type { DocumentMeta } from '../types'
import { htmlToText } from './html-text'
import { readSourceFile, SourceFileError } from './read'
import type { ReadFile } from './readers'

const BYLINE = /^(作者|文|撰文|记者|by)\s*[:：]/i

/** A saved web page: the article's main text (Readability), title, byline, date and canonical URL. */
export async function readHtml(path: string): Promise<ReadFile> {
  const { text: html } = readSourceFile(path)
  const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')])
  const { document } = parseHTML(html)
  const metaContent = (...names: string[]) => {
    for (const name of names) {
      const value = document.querySelector(`meta[name="${name}"], meta[property="${name}"]`)?.getAttribute('content')?.trim()
      if (value) return value
    }
    return undefined
  }
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent('og:url')
  const date = metaContent('article:published_time', 'citation_publication_date', 'dc.date', 'date', 'pubdate')
  const authorMeta = metaContent('citation_author', 'author', 'dc.creator')
  const article = new Readability(document as unknown as Document).parse()
  if (!article?.content) throw new SourceFileError(path, 'no article text was found in the web page')
  // notes: ids the article's superscript links point to
  const noteIds = new Map<string, string>()
  const { document: body } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`)
  for (const a of body.querySelectorAll('sup a[href^="#"]')) {
    const id = a.getAttribute('href')!.slice(1)
    if (!noteIds.has(id)) noteIds.set(id, (a.textContent ?? '').replace(/[[\]\s]/g, '') || String(noteIds.size + 1))
  }
  const bylineLine = article.byline?.trim()
  const text = htmlToText(article.content, (id) => noteIds.get(id))
    .split('\n')
    .filter((line) => line !== bylineLine && !(line.length < 40 && BYLINE.test(line))) // the byline is metadata, not text
    .join('\n')
  if (!text.trim()) throw new SourceFileError(path, 'no article text was found in the web page')

  const meta: Partial<DocumentMeta> = {}
  // a page title often carries the site's name ("Title - Site"): the article's own heading does not
  const heading = text.match(/^#{1,3} (.+)$/m)?.[1]
  const pageTitle = article.title?.trim() || metaContent('citation_title', 'og:title')
  const title = heading && pageTitle?.startsWith(heading) ? heading : pageTitle
  if (title) meta.title = title
  const byline = authorMeta ?? article.byline?.replace(/^(作者|文|by)\s*[:：]?\s*/i, '').trim()
  if (byline)
    meta.authors = byline
      .split(/[;；,，、]|\s+and\s+/)
      .map((a) => a.trim())
      .filter(Boolean)
  const year = (date ?? article.publishedTime ?? '').match(/\b(19|20)\d{2}\b/)?.[0]
  if (year) meta.year = Number(year)
  if (canonical && /^https?:\/\//.test(canonical)) meta.url = canonical
  return { text: title && title !== heading ? `# ${title}\n${text}` : text, encoding: 'html', meta }
}
