// Which text items of a PDF page hold a cited passage. The passage is the normalized text (line
// breaks joined, running headers and footnotes moved away), the items are pdf.js's text runs, so
// the two are matched by the runs of characters they share, not by exact equality. No Node
// imports: the document viewer runs this in the browser.
import { foldPdfText } from './cjk'

const compact = (text: string) => foldPdfText(text).normalize('NFKC').replace(/\s+/g, '')

/** Characters in a row that must match for a place on the page to count as the passage's. */
const GRAM = 6
/** Unmatched characters (a footnote marker, a hyphen, a page number) that may sit inside the passage. */
const MAX_GAP = 30
/** How far the page and the passage may drift apart within the passage (characters left out or added). */
const MAX_DRIFT = 20
/** A run that occurs more often than this in the passage is not worth following everywhere. */
const MAX_REPEATS = 32

/**
 * The indexes of the items that show `passage` on a page whose text items are `items`, or none when
 * the page does not show it. Runs of GRAM characters shared by the page and the passage are chained
 * in order (page and passage advancing together, with small gaps and drift); the longest chain is
 * the passage, so a phrase the passage shares with other paragraphs of the page does not pull them in.
 */
export function passageItems(items: string[], passage: string): number[] {
  const wanted = compact(passage)
  const k = Math.min(GRAM, wanted.length)
  if (!k) return []
  const at = new Map<string, number[]>()
  for (let j = 0; j + k <= wanted.length; j++) {
    const gram = wanted.slice(j, j + k)
    const list = at.get(gram) ?? at.set(gram, []).get(gram)!
    if (list.length < MAX_REPEATS) list.push(j)
  }
  // the page as one string, with the item each character comes from
  const owner: number[] = []
  let page = ''
  items.forEach((item, n) => {
    const text = compact(item)
    page += text
    for (let i = 0; i < text.length; i++) owner.push(n)
  })
  // every (page position, passage position) pair that starts a shared run, in page order
  const pageAt: number[] = []
  const shift: number[] = []
  for (let i = 0; i + k <= page.length; i++)
    for (const j of at.get(page.slice(i, i + k)) ?? []) {
      pageAt.push(i)
      shift.push(i - j)
    }
  // the longest chain of pairs advancing together
  const length = new Int32Array(pageAt.length)
  const before = new Int32Array(pageAt.length).fill(-1)
  let best = -1
  for (let p = 0; p < pageAt.length; p++) {
    length[p] = 1
    for (let q = p - 1; q >= 0 && pageAt[q] >= pageAt[p] - MAX_GAP; q--) {
      if (pageAt[q] < pageAt[p] && Math.abs(shift[p] - shift[q]) <= MAX_DRIFT && length[q] + 1 > length[p]) {
        length[p] = length[q] + 1
        before[p] = q
      }
    }
    if (best < 0 || length[p] > length[best]) best = p
  }
  if (best < 0) return []
  const covered = new Uint8Array(page.length)
  let first = best
  for (let p = best; p >= 0; p = before[p]) {
    covered.fill(1, pageAt[p], pageAt[p] + k)
    first = p
  }
  if (covered.reduce((sum, c) => sum + c, 0) < Math.min(12, wanted.length)) return []
  return [...new Set(owner.slice(pageAt[first], pageAt[best] + k))]
}
