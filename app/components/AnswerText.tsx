'use client'
import { chipMarker, QuotedText, SafeMarkdown } from './SafeMarkdown'

/**
 * The answer with its "[n]" citation markers (of passages it has) as chips that open the passage
 * panel. A language model's answer is markdown through an allow-list; an extractive answer is the
 * sources' own words, so it is shown as text and nothing in it is interpreted.
 */
export function AnswerText({ text, onCite, known, quoted }: { text: string; onCite: (n: number) => void; known: Set<number>; quoted: boolean }) {
  const marked = text.replace(/[\uE000\uE001]/g, '').replace(/\[(\d{1,2})\]/g, (m, n) => (known.has(Number(n)) ? chipMarker(Number(n)) : m))
  return <div className="answer-text">{quoted ? <QuotedText text={marked} onChip={onCite} /> : <SafeMarkdown markdown={marked} onChip={onCite} />}</div>
}
