import { Fragment } from 'react'
import { highlightPattern } from '@/lib/format'

/** Text with the given terms marked (see `highlightPattern`); plain text only, never HTML. */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const pattern = highlightPattern(terms)
  if (!pattern) return <>{text}</>
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
