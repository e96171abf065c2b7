import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'
import { bylinePassage } from '@/lib/answer/byline'
import { loadConfig } from '@/lib/config'
import { formatCitation } from '@/lib/corpus/cite'
import { pageLabel } from '@/lib/format'
import { originalPdf } from '@/lib/library'
import { getRetriever } from '@/lib/server'
import type { Block, SourceDocument } from '@/lib/types'
import { CiteThis } from '../../components/CiteThis'
import { LangText } from '../../components/LangText'
import { OriginalPageToggle } from '../../components/OriginalPage'
import { ReadingAid } from '../../components/ReadingAid'
import { ScrollToPassage } from '../../components/ScrollToPassage'

export const dynamic = 'force-dynamic'

interface Range {
  start: number
  end: number
}

/** The cited passage, and inside it the sentence the answer quotes (scrolled to, marked stronger). */
interface Highlighted extends Range {
  quote?: Range
}

/** The quoted sentence given as "start-end", when it lies inside the passage. */
function quoteIn(passage: Range, param: string | string[] | undefined): Range | undefined {
  // (a repeated parameter arrives as a list: only a single one is read)
  const [start, end] = ((typeof param === 'string' ? param : '').match(/^(\d+)-(\d+)$/) ?? []).slice(1).map(Number)
  return start >= passage.start && end <= passage.end && start < end ? { start, end } : undefined
}

/**
 * One block's text with the source's own markers as links to its notes and the highlighted
 * passage wrapped in <mark> — exactly the characters between the passage's offsets.
 */
function renderText(doc: SourceDocument, block: Block, highlight: Highlighted | undefined): ReactNode[] {
  const cuts = new Set([block.start, block.end])
  const markers = doc.markers.filter((m) => m.start >= block.start && m.end <= block.end)
  for (const m of markers) cuts.add(m.start).add(m.end)
  const bounds = highlight ? [highlight.start, highlight.end, ...(highlight.quote ? [highlight.quote.start, highlight.quote.end] : [])] : []
  for (const at of bounds) if (at > block.start && at < block.end) cuts.add(at)
  // the page scrolls to the quoted sentence, or to the passage when the answer quotes none
  const scrollTo = highlight?.quote?.start ?? highlight?.start
  const points = [...cuts].sort((a, b) => a - b)
  const nodes: ReactNode[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]]
    const text = doc.text.slice(start, end)
    const marker = markers.find((m) => m.start === start && m.end === end)
    let node: ReactNode = text
    if (marker)
      node = marker.refId ? (
        <sup>
          <a id={`m-${marker.start}`} className="marker" href={`#ref-${marker.refId}`}>
            {text}
          </a>
        </sup>
      ) : (
        <sup className="marker unlinked" title="the source's note is not in the text">
          {text}
        </sup>
      )
    const inside = highlight && start >= highlight.start && end <= highlight.end
    if (inside) {
      const quoted = highlight.quote && start >= highlight.quote.start && end <= highlight.quote.end
      node = (
        <mark className={quoted ? 'passage quote' : 'passage'} id={start === scrollTo ? 'passage' : undefined} data-start={start} data-end={end}>
          {node}
        </mark>
      )
    }
    nodes.push(<span key={start}>{node}</span>)
  }
  return nodes
}

/** The id as given, decoded once more if it still carries %-escapes (an invalid one is left as it is, never thrown). */
function safeDecode(id: string): string {
  try {
    return decodeURIComponent(id)
  } catch {
    return id
  }
}

/** An answer that says who wrote the document cites its front matter (title and byline), which no indexed passage holds. */
function bylineChunk(doc: SourceDocument): { docId: string; start: number; end: number; section: string[]; page?: number } | undefined {
  const byline = bylinePassage(doc)
  return byline && { docId: doc.id, start: byline.start, end: byline.end, section: [byline.section] }
}

export default async function DocumentPage({
  params,
  searchParams,
}: {
  params: Promise<{ docId: string }>
  searchParams: Promise<{ chunk?: string | string[]; quote?: string | string[] }>
}) {
  const { docId } = await params
  const { chunk: chunkParam, quote } = await searchParams
  // (a repeated parameter arrives as a list: only a single one is read)
  const chunkId = typeof chunkParam === 'string' ? chunkParam : undefined
  const { index } = await getRetriever()
  const doc = index.document(docId) ?? index.document(safeDecode(docId))
  if (!doc) notFound()
  const found = chunkId ? (chunkId === bylinePassage(doc)?.chunkId ? bylineChunk(doc) : index.chunkById(chunkId)) : undefined
  const chunk = found?.docId === doc.id ? found : undefined
  // a citation made before the document was re-ingested may point at a passage that is gone
  const missingPassage = chunkId !== undefined && !chunk
  const highlight = chunk && { start: chunk.start, end: chunk.end, quote: quoteIn(chunk, quote) }
  const body = doc.blocks.filter((b) => b.kind !== 'note')
  const notes = doc.blocks.filter((b) => b.kind === 'note')
  const section = chunk?.section.join(' > ')
  // a PDF whose file is kept can also be shown as its original pages
  const hasOriginal = originalPdf(loadConfig(), doc.id) !== undefined

  const text = (
    <ReadingAid>
      <article lang="zh-CN">
        {body.map((b) => {
          const content = renderText(doc, b, highlight)
          if (b.kind === 'title') return <h1 key={b.start}>{content}</h1>
          if (b.kind === 'byline')
            return (
              <p key={b.start} className="byline">
                {content}
              </p>
            )
          if (b.kind === 'heading') return b.level && b.level > 1 ? <h3 key={b.start}>{content}</h3> : <h2 key={b.start}>{content}</h2>
          return (
            <p key={b.start} lang={b.lang === 'en' ? 'en' : undefined}>
              {content}
            </p>
          )
        })}
        {doc.meta.titleEn && (
          <p className="title-en" lang="en">
            {doc.meta.titleEn}
          </p>
        )}
        {notes.length > 0 && (
          <section className="notes" aria-label="注释 Notes">
            <h2>
              <LangText zh="注释" en="Notes" />
            </h2>
            <ol>
              {notes.map((b) => {
                const ref = doc.references.find((r) => r.id === b.refId)
                return (
                  <li key={b.start} id={ref ? `ref-${ref.id}` : undefined}>
                    {renderText(doc, b, highlight)}
                    {ref?.citedAt.map((at, i) => (
                      <a key={at.start} className="backlink" href={`#m-${at.start}`} aria-label={`back to the text (${i + 1})`}>
                        ↩
                      </a>
                    ))}
                  </li>
                )
              })}
            </ol>
          </section>
        )}
        {doc.markers.some((m) => !m.refId) && (
          <p className="note-missing">
            <LangText zh="本文的参考文献列表未包含在所收录的文本中。" en="The source text does not include the reference list its markers point to." />
          </p>
        )}
      </article>
    </ReadingAid>
  )

  return (
    <main className="doc-view">
      <p className="doc-nav">
        <a href="/">
          ← <LangText zh="对话" en="Chat" />
        </a>{' '}
        ·{' '}
        <a href="/search">
          <LangText zh="段落检索" en="Passage search" />
        </a>
      </p>
      {chunk?.page !== undefined && (
        <p className="doc-passage-page" role="status">
          <LangText zh={`所引段落在原文 ${pageLabel(chunk)}`} en={`The cited passage is on ${pageLabel(chunk)} of the original`} />
        </p>
      )}
      {missingPassage && (
        <p className="doc-passage-missing" role="status">
          <LangText
            zh="所引段落已不在索引中（文档已更新或重新导入），下面显示的是文档的当前版本。"
            en="The cited passage no longer exists in the index (the document was changed or re-ingested); this is the document as it is now."
          />
        </p>
      )}
      {chunk && (
        <p className="doc-passage-info" role="status">
          <LangText zh="高亮段落" en="Highlighted passage" />
          {section ? `: ${section}` : ''} ({chunk.start}–{chunk.end})
        </p>
      )}
      {hasOriginal ? (
        <OriginalPageToggle docId={doc.id} page={chunk?.page} passage={chunk && doc.text.slice(chunk.start, chunk.end)}>
          {text}
        </OriginalPageToggle>
      ) : (
        text
      )}
      <CiteThis label="引用本文 Cite this document" citations={formatCitation(doc.meta)} />
      {chunk && (section || chunk.page !== undefined) && <CiteThis label="引用此段落 Cite this passage" citations={formatCitation(doc.meta, section, chunk)} />}
      {chunk && <ScrollToPassage />}
    </main>
  )
}
