import { Fragment } from 'react'

/** Text with the given terms marked (longest first, case-insensitive); plain text only, never HTML. */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const usable = [...new Set(terms.filter((t) => t.trim().length > 0))].sort((a, b) => b.length - a.length)
  if (!usable.length) return <>{text}</>
  const pattern = new RegExp(`(${usable.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi')
  // the pieces of one fixed string, in order: their position is their identity
  return (
    <>
      {text.split(pattern).map((piece, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        i % 2 ? <mark key={i}>{piece}</mark> : <Fragment key={i}>{piece}</Fragment>,
      )}
    </>
  )
}
