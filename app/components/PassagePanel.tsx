'use client'
import { useEffect, useRef, useState } from 'react'
import { type CitationData, documentHref } from '@/lib/answer/ui'
import { pageLabel } from '@/lib/format'
import { Highlight } from './Highlight'
import type { Strings } from './i18n'
import { GlossedText, ReadingAid } from './ReadingAid'

/** Under an "Ibid." note entry: the entry it repeats. */
export function RepeatedEntry({ text, label }: { text: string; label: string }) {
  return (
    <p className="repeats">
      {label} <span lang="zh-CN">{text}</span>
    </p>
  )
}

/** Where in the passage's text the sentence the answer quotes stands (when the text is the document's span). */
function quotedRange({ text, quote, start, end }: CitationData): { start: number; end: number } | undefined {
  return quote && text.length === end - start ? { start: quote.start - start, end: quote.end - start } : undefined
}

/** The passage with its query terms marked and the sentence the answer quotes underlined. */
function QuotedPassage({ passage }: { passage: CitationData }) {
  const { text, matched } = passage
  const range = quotedRange(passage)
  if (!range) return <Highlight text={text} terms={matched} />
  const [from, to] = [range.start, range.end]
  return (
    <>
      <Highlight text={text.slice(0, from)} terms={matched} />
      <span className="quoted">
        <Highlight text={text.slice(from, to)} terms={matched} />
      </span>
      <Highlight text={text.slice(to)} terms={matched} />
    </>
  )
}

export function PassagePanel({ passage, t, onClose }: { passage: CitationData; t: Strings; onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null)
  const [glossed, setGlossed] = useState(false)
  useEffect(() => {
    closeRef.current?.focus()
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  return (
    <aside className="panel" role="dialog" aria-modal="false" aria-labelledby="panel-title">
      <div className="panel-head">
        <span className="chip static">{passage.n}</span>
        <strong id="panel-title">{passage.kind === 'reference' ? t.footnote : t.passage}</strong>
        <button ref={closeRef} type="button" className="ghost" onClick={onClose} aria-label={t.close}>
          ✕
        </button>
      </div>
      <p className="panel-doc">{passage.title}</p>
      {(passage.section || pageLabel(passage)) && <p className="panel-section">{[passage.section, pageLabel(passage)].filter(Boolean).join(' · ')}</p>}
      <button type="button" className="ghost gloss-toggle" aria-pressed={glossed} onClick={() => setGlossed(!glossed)}>
        {t.wordByWord}
      </button>
      <ReadingAid>
        <blockquote className="panel-text" lang="zh-CN">
          {glossed ? <GlossedText text={passage.text} marked={quotedRange(passage)} /> : <QuotedPassage passage={passage} />}
        </blockquote>
      </ReadingAid>
      {passage.repeats && <RepeatedEntry text={passage.repeats} label={t.repeats} />}
      <a className="panel-link" href={documentHref(passage)}>
        {t.openDocument} →
      </a>
    </aside>
  )
}
