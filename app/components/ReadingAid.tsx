'use client'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import type { GlossedWord } from '@/lib/answer/reading'

// one request per distinct text, shared by every reading aid on the page
const cache = new Map<string, Promise<GlossedWord[]>>()

/** The words of a text with pinyin and glosses, from the server (the dictionary stays there). */
export function fetchGlosses(text: string): Promise<GlossedWord[]> {
  let hit = cache.get(text)
  if (!hit) {
    hit = fetch('/api/gloss', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: text.slice(0, 5000) }) })
      .then((r) => (r.ok ? r.json() : { words: [] }))
      .then((j: { words?: GlossedWord[] }) => j.words ?? [])
      .catch(() => [])
    cache.set(text, hit)
  }
  return hit
}

/** The text node and offset under a point (Chromium: caretRangeFromPoint; others: caretPositionFromPoint). */
function caretAt(x: number, y: number): { node: Node; offset: number } | undefined {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null
    caretRangeFromPoint?: (x: number, y: number) => Range | null
  }
  const pos = doc.caretPositionFromPoint?.(x, y)
  if (pos) return { node: pos.offsetNode, offset: pos.offset }
  const range = doc.caretRangeFromPoint?.(x, y)
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined
}

interface Tip {
  x: number
  y: number
  word: GlossedWord
}

/**
 * Hover (or tap) a Chinese word anywhere inside to see its pinyin and CC-CEDICT gloss. It reads the
 * text under the pointer, so it works over any content (answers, passages, the document viewer).
 */
export function ReadingAid({ children, className }: { children: ReactNode; className?: string }) {
  const [tip, setTip] = useState<Tip | null>(null)
  const pending = useRef(0)
  const look = useCallback(async (x: number, y: number) => {
    const id = ++pending.current
    const at = caretAt(x, y)
    const text = at?.node.nodeType === Node.TEXT_NODE ? (at.node.textContent ?? '') : ''
    if (!at || !text) return setTip(null)
    // the caret sits between characters: the one under the pointer is before or after it
    const offset = /\p{Script=Han}/u.test(text[at.offset] ?? '') ? at.offset : at.offset - 1
    if (!/\p{Script=Han}/u.test(text[offset] ?? '')) return setTip(null)
    const words = await fetchGlosses(text)
    if (id !== pending.current) return
    const word = words.find((w) => w.start <= offset && offset < w.end)
    setTip(word && (word.pinyin || word.gloss) ? { x, y, word } : null)
  }, [])
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a pointer aid over text; the words stay readable without it
    // biome-ignore lint/a11y/useKeyWithClickEvents: tapping a word is the touch form of hovering it; nothing is lost without it
    <div
      className={`reading-aid${className ? ` ${className}` : ''}`}
      onPointerMove={(e) => {
        // (a finger's tap also sends a move where it lands: on a chip that opens the panel, the word under
        // the finger would pop up uninvited; a tap is read as a click below)
        if (e.pointerType !== 'mouse') return
        const { clientX, clientY } = e
        clearTimeout(timer.current)
        timer.current = setTimeout(() => look(clientX, clientY), 120)
      }}
      onPointerLeave={() => {
        clearTimeout(timer.current)
        pending.current++
        setTip(null)
      }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('button, a')) return
        look(e.clientX, e.clientY)
      }}
    >
      {children}
      {tip && (
        <div className="gloss-tip" role="tooltip" data-testid="gloss-tip" style={{ left: Math.min(tip.x, window.innerWidth - 280), top: tip.y + 18 }}>
          <span className="gloss-word" lang="zh-CN">
            {tip.word.word}
          </span>
          {tip.word.pinyin && <span className="gloss-pinyin">{tip.word.pinyin}</span>}
          {tip.word.gloss && <span className="gloss-sense">{tip.word.gloss}</span>}
        </div>
      )}
    </div>
  )
}

/** A passage word by word, each Chinese word with its pinyin and first sense under it. */
export function GlossedText({ text, marked }: { text: string; marked?: { start: number; end: number } }) {
  const [words, setWords] = useState<GlossedWord[] | null>(null)
  useEffect(() => {
    let live = true
    fetchGlosses(text).then((w) => live && setWords(w))
    return () => {
      live = false
    }
  }, [text])
  if (!words) return <span className="glossed-loading">{text}</span>
  const pieces: ReactNode[] = []
  let at = 0
  for (const w of words) {
    if (w.start > at) pieces.push(<span key={`t${at}`}>{text.slice(at, w.start)}</span>)
    pieces.push(
      <span
        key={w.start}
        className={marked && w.start >= marked.start && w.end <= marked.end ? 'glossed-word quoted' : 'glossed-word'}
        data-testid="glossed-word"
      >
        <span lang="zh-CN">{w.word}</span>
        <small className="gloss-pinyin">{w.pinyin ?? ''}</small>
        <small className="gloss-sense">{w.gloss?.split(/[;+]/)[0] ?? ''}</small>
      </span>,
    )
    at = w.end
  }
  if (at < text.length) pieces.push(<span key="rest">{text.slice(at)}</span>)
  return <span className="glossed">{pieces}</span>
}
