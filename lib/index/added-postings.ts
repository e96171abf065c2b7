import { hash } from '../text/string-table'

/**
 * The postings a lexical index gained since it was read or built, kept in typed arrays: a term
 * dictionary with open addressing and a log of (term, label, frequency) in the order chunks came,
 * grouped by term only when something reads them. A big ingest adds about 14M postings of 1.5M
 * terms at 100k passages; one JavaScript array and one `Map` entry per term made the collector
 * trace millions of objects and held the ingest at about three quarters of its speed.
 */
export class AddedPostings {
  private readonly terms: string[] = []
  /** open addressing, linear probing: term id + 1 (0 = empty), and the term's hash beside it */
  private slots = new Int32Array(1024)
  private hashes = new Uint32Array(1024)
  /** per term: its id among the terms read from a file, or -1 */
  private readIds = new Int32Array(1024)
  private logTerms = new Uint32Array(1024)
  private logLabels = new Uint32Array(1024)
  private logTfs = new Uint8Array(1024)
  length = 0
  private grouped?: { starts: Uint32Array; labels: Uint32Array; tfs: Uint8Array }
  /** scratch: a chunk's frequency of each term, by term id (zero between adds) */
  private termTf = new Uint8Array(1024)

  get termCount(): number {
    return this.terms.length
  }

  term(id: number): string {
    return this.terms[id]
  }

  readIdOf(id: number): number {
    return this.readIds[id]
  }

  /** The id of a term, or -1. */
  idOf(term: string): number {
    return this.find(term, hash(term)).id
  }

  /** A term's id, or the empty slot where it would go. */
  private find(term: string, h: number): { id: number; slot: number } {
    const mask = this.slots.length - 1
    let slot = h & mask
    for (; this.slots[slot]; slot = (slot + 1) & mask) {
      const id = this.slots[slot] - 1
      if (this.hashes[slot] === h && this.terms[id] === term) return { id, slot }
    }
    return { id: -1, slot }
  }

  /** A term's id; a new term gets the next one, remembering its id among the read terms. */
  private idOrNew(term: string, readIdOf: (term: string) => number): number {
    const h = hash(term)
    const { id: found, slot } = this.find(term, h)
    if (found >= 0) return found
    const id = this.terms.length
    this.terms.push(term)
    this.slots[slot] = id + 1
    this.hashes[slot] = h
    this.readIds = grown(this.readIds, id + 1)
    this.readIds[id] = readIdOf(term)
    if (this.terms.length * 2 > this.slots.length) this.rehash()
    return id
  }

  /** Add one chunk's terms: each distinct term once, with its frequency (at most 255). */
  add(label: number, terms: string[], readIdOf: (term: string) => number): void {
    const touched: number[] = []
    for (const term of terms) {
      const id = this.idOrNew(term, readIdOf)
      this.termTf = grown(this.termTf, id + 1)
      if (this.termTf[id] === 0) touched.push(id)
      if (this.termTf[id] < 255) this.termTf[id]++
    }
    for (const id of touched) {
      this.append(id, label, this.termTf[id])
      this.termTf[id] = 0
    }
  }

  private append(termId: number, label: number, tf: number): void {
    if (this.length === this.logTerms.length) {
      this.logTerms = grown(this.logTerms, this.length + 1)
      this.logLabels = grown(this.logLabels, this.length + 1)
      this.logTfs = grown(this.logTfs, this.length + 1)
    }
    this.logTerms[this.length] = termId
    this.logLabels[this.length] = label
    this.logTfs[this.length++] = tf
  }

  /** A term's added postings in label order (as they were appended). */
  postings(termId: number): { labels: Uint32Array; tfs: Uint8Array } {
    const g = this.group()
    const start = g.starts[termId]
    const end = g.starts[termId + 1]
    return { labels: g.labels.subarray(start, end), tfs: g.tfs.subarray(start, end) }
  }

  /** The log sorted by term, stably (a counting sort), kept until the next append. */
  private group(): { starts: Uint32Array; labels: Uint32Array; tfs: Uint8Array } {
    if (this.grouped && this.grouped.starts[this.terms.length] === this.length) return this.grouped
    const n = this.terms.length
    const starts = new Uint32Array(n + 1)
    for (let i = 0; i < this.length; i++) starts[this.logTerms[i] + 1]++
    for (let t = 0; t < n; t++) starts[t + 1] += starts[t]
    const next = starts.slice(0, n)
    const labels = new Uint32Array(this.length)
    const tfs = new Uint8Array(this.length)
    for (let i = 0; i < this.length; i++) {
      const at = next[this.logTerms[i]]++
      labels[at] = this.logLabels[i]
      tfs[at] = this.logTfs[i]
    }
    this.grouped = { starts, labels, tfs }
    return this.grouped
  }

  private rehash(): void {
    const size = this.slots.length * 2
    const slots = new Int32Array(size)
    const hashes = new Uint32Array(size)
    for (let i = 0; i < this.slots.length; i++) {
      if (!this.slots[i]) continue
      let slot = this.hashes[i] & (size - 1)
      while (slots[slot]) slot = (slot + 1) & (size - 1)
      slots[slot] = this.slots[i]
      hashes[slot] = this.hashes[i]
    }
    this.slots = slots
    this.hashes = hashes
  }
}

type Growable = Int32Array | Uint32Array | Uint16Array | Uint8Array

/** The array itself when it holds `need` items, else a copy with double the room (at least 1024). */
export function grown<T extends Growable>(array: T, need: number): T {
  if (need <= array.length) return array
  const next = new (array.constructor as new (length: number) => T)(Math.max(need, array.length * 2, 1024))
  next.set(array)
  return next
}
