/** A search hit as a reader sees it: one place in a document, however many chunks it spans. */
export interface MergeableHit {
  rank: number
  chunkId: string
  docId: string
  section: string
  text: string
  matched: string[]
}

const MIN_OVERLAP = 8

/** Length of the longest suffix of `a` that is a prefix of `b` (at least MIN_OVERLAP characters, else 0). */
function overlapLength(a: string, b: string): number {
  for (let n = Math.min(a.length, b.length); n >= MIN_OVERLAP; n--) if (a.endsWith(b.slice(0, n))) return n
  return 0
}

/**
 * Hits whose texts overlap (neighbouring chunks of one document share a few sentences) become one
 * hit: the text joined without repeating the shared part, under the better rank, terms combined.
 * A hit contained in another is dropped. Ranks are renumbered 1..n in order.
 */
export function mergeOverlappingHits<T extends MergeableHit>(hits: T[]): T[] {
  const out: T[] = []
  for (const hit of hits) {
    const i = out.findIndex(
      (k) =>
        k.docId === hit.docId && (k.text.includes(hit.text) || hit.text.includes(k.text) || overlapLength(k.text, hit.text) || overlapLength(hit.text, k.text)),
    )
    if (i < 0) {
      out.push({ ...hit })
      continue
    }
    const kept = out[i]
    const text = kept.text.includes(hit.text)
      ? kept.text
      : hit.text.includes(kept.text)
        ? hit.text
        : overlapLength(kept.text, hit.text)
          ? kept.text + hit.text.slice(overlapLength(kept.text, hit.text))
          : hit.text + kept.text.slice(overlapLength(hit.text, kept.text))
    out[i] = { ...kept, text, matched: [...new Set([...kept.matched, ...hit.matched])] }
  }
  return out.map((h, i) => ({ ...h, rank: i + 1 }))
}
