/** A group of interchangeable terms (a word and its translations) that share one weight. */
export interface QueryTermGroup {
  terms: string[]
  weight: number
  /** what the group stands for in the question (shown as matched terms) */
  source?: string
  /** words about the question itself ("which source is cited", "出处"): searched, but not evidence of an answer */
  meta?: boolean
  /** an English word the dictionary cannot translate: its absence from a passage says little */
  untranslated?: boolean
}

/**
 * One term's postings: chunk labels in increasing order and the term's frequency in each. Read
 * from a file they are typed arrays; a term that gets new chunks switches to plain arrays (cheap
 * to append to) until the next save.
 */
interface Postings {
  labels: Int32Array | number[]
  tfs: Uint16Array | number[]
  n: number
}

export interface LexicalHit {
  /** the chunk's label */
  doc: number
  score: number
  /** indexes of the query groups the chunk matched */
  groups: number[]
}

const MAGIC = 'BM25LEX2'

/** Grow a typed array to hold at least `need` items (capacity doubles). */
function grow(array: Uint32Array<ArrayBufferLike>, need: number): Uint32Array<ArrayBufferLike> {
  if (need <= array.length) return array
  const next = new Uint32Array(Math.max(need, array.length * 2, 1024))
  next.set(array)
  return next
}

/** Min-heap of the best `limit` (score, label) pairs: top-k without sorting every match. */
class TopK {
  private readonly scores: Float64Array
  private readonly labels: Int32Array
  size = 0

  constructor(readonly limit: number) {
    this.scores = new Float64Array(limit)
    this.labels = new Int32Array(limit)
  }

  /** Ties go to the lower label, so results do not depend on the order labels are visited. */
  private better(s1: number, l1: number, s2: number, l2: number): boolean {
    return s1 > s2 || (s1 === s2 && l1 < l2)
  }

  push(score: number, label: number): void {
    if (this.limit === 0) return
    if (this.size < this.limit) {
      let i = this.size++
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (!this.better(this.scores[parent], this.labels[parent], score, label)) break
        this.scores[i] = this.scores[parent]
        this.labels[i] = this.labels[parent]
        i = parent
      }
      this.scores[i] = score
      this.labels[i] = label
      return
    }
    if (!this.better(score, label, this.scores[0], this.labels[0])) return
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= this.size) break
      const right = left + 1
      const worse = right < this.size && this.better(this.scores[left], this.labels[left], this.scores[right], this.labels[right]) ? right : left
      if (this.better(this.scores[worse], this.labels[worse], score, label)) break
      this.scores[i] = this.scores[worse]
      this.labels[i] = this.labels[worse]
      i = worse
    }
    this.scores[i] = score
    this.labels[i] = label
  }

  sorted(): { label: number; score: number }[] {
    const out: { label: number; score: number }[] = []
    for (let i = 0; i < this.size; i++) out.push({ label: this.labels[i], score: this.scores[i] })
    return out.sort((a, b) => b.score - a.score || a.label - b.label)
  }
}

/**
 * BM25 over pre-tokenized chunks, keyed by chunk label, updated one chunk at a time. Postings are
 * typed arrays in a `Map` (so a term like "constructor" is just a key). A query is a list of term
 * groups scored as synonym sets: the group's term frequency is the sum over its terms and its
 * document frequency their union, so all translations of one English word together weigh what the
 * word weighs.
 */
export class LexicalIndex {
  private readonly postings = new Map<string, Postings>()
  /** length of each chunk by label; 0 = no such chunk */
  private lengths: Uint32Array<ArrayBufferLike> = new Uint32Array(0)
  private totalLength = 0
  private count = 0
  // scratch buffers reused by every search (one search at a time: JavaScript is single-threaded)
  private groupTf = new Float32Array(0)
  private score = new Float64Array(0)
  private matched = new Uint32Array(0)

  constructor(
    readonly k1 = 1.2,
    readonly b = 0.75,
  ) {}

  static build(documents: string[][], k1 = 1.2, b = 0.75): LexicalIndex {
    const index = new LexicalIndex(k1, b)
    documents.forEach((terms, label) => {
      index.add(label, terms)
    })
    return index
  }

  get size(): number {
    return this.count
  }

  has(term: string): boolean {
    return (this.postings.get(term)?.n ?? 0) > 0
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.n ?? 0
  }

  idf(df: number): number {
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5))
  }

  /** Add one chunk (labels must increase from one add to the next, as the store hands them out). */
  add(label: number, terms: string[]): void {
    if (label < this.lengths.length && this.lengths[label]) throw new Error(`lexical index: chunk ${label} is already indexed`)
    const tf = new Map<string, number>()
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1)
    for (const [term, f] of tf) {
      let p = this.postings.get(term)
      if (!p) {
        p = { labels: [], tfs: [], n: 0 }
        this.postings.set(term, p)
      }
      if (p.n && p.labels[p.n - 1] > label) throw new Error(`lexical index: chunk ${label} added out of order`)
      if (!Array.isArray(p.labels)) {
        p.labels = Array.from(p.labels.subarray(0, p.n))
        p.tfs = Array.from((p.tfs as Uint16Array).subarray(0, p.n))
      }
      ;(p.labels as number[]).push(label)
      ;(p.tfs as number[]).push(Math.min(f, 65535))
      p.n++
    }
    this.lengths = grow(this.lengths, label + 1)
    // a chunk with no terms still counts as a document of length 0: store 1 and do not add to total
    this.lengths[label] = Math.max(1, terms.length)
    this.totalLength += terms.length
    this.count++
  }

  /** Remove one chunk; `terms` are the terms it was added with (the store re-derives them from its text). */
  remove(label: number, terms: string[]): void {
    if (label >= this.lengths.length || !this.lengths[label]) return
    for (const term of new Set(terms)) {
      const p = this.postings.get(term)
      if (!p) continue
      const at = binarySearch(p.labels, p.n, label)
      if (at < 0) continue
      if (Array.isArray(p.labels)) {
        p.labels.splice(at, 1)
        ;(p.tfs as number[]).splice(at, 1)
      } else {
        p.labels.copyWithin(at, at + 1, p.n)
        ;(p.tfs as Uint16Array).copyWithin(at, at + 1, p.n)
      }
      p.n--
      if (!p.n) this.postings.delete(term)
    }
    this.totalLength -= terms.length
    this.lengths[label] = 0
    this.count--
  }

  /**
   * The best `limit` chunks, best first. `accept` (a filter such as "inside this document") is
   * applied while scoring, so a filtered search still fills its `limit`.
   */
  search(groups: QueryTermGroup[], limit = 50, accept?: (label: number) => boolean): LexicalHit[] {
    const { k1, b } = this
    const avg = this.totalLength / Math.max(1, this.count)
    const n = this.lengths.length
    if (this.score.length < n) {
      this.groupTf = new Float32Array(n)
      this.score = new Float64Array(n)
      this.matched = new Uint32Array(n)
    }
    const touched: number[] = []
    const groupDocs: number[] = []
    groups.forEach((group, g) => {
      groupDocs.length = 0
      for (const term of new Set(group.terms)) {
        const p = this.postings.get(term)
        if (!p) continue
        for (let i = 0; i < p.n; i++) {
          const label = p.labels[i]
          if (this.groupTf[label] === 0) groupDocs.push(label)
          this.groupTf[label] += p.tfs[i]
        }
      }
      if (!groupDocs.length) return
      // document frequency counts every chunk, filtered or not: the filter must not change scores
      const idf = this.idf(groupDocs.length)
      // groups past the 31st share the last bit (the bits only report which groups matched)
      const bit = (1 << Math.min(g, 31)) >>> 0
      for (const label of groupDocs) {
        const f = this.groupTf[label]
        this.groupTf[label] = 0
        if (accept && !accept(label)) continue
        const length = this.lengths[label]
        const norm = f + k1 * (1 - b + (b * length) / avg)
        if (this.score[label] === 0 && this.matched[label] === 0) touched.push(label)
        this.score[label] += group.weight * idf * ((f * (k1 + 1)) / norm)
        this.matched[label] |= bit
      }
    })
    const top = new TopK(limit)
    for (const label of touched) top.push(this.score[label], label)
    const hits = top.sorted().map(({ label, score }) => ({ doc: label, score, groups: bits(this.matched[label]) }))
    for (const label of touched) {
      this.score[label] = 0
      this.matched[label] = 0
    }
    return hits
  }

  /** Binary form: magic, header, terms, then all postings and lengths as typed arrays. */
  serialize(): Buffer {
    const terms = [...this.postings.keys()].sort()
    const termBytes = Buffer.from(terms.join('\u0000'), 'utf8')
    let total = 0
    for (const t of terms) total += this.postings.get(t)!.n
    const counts = new Uint32Array(terms.length)
    const labels = new Int32Array(total)
    const tfs = new Uint16Array(total + (total % 2)) // keeps what follows 4-byte aligned
    let at = 0
    terms.forEach((t, i) => {
      const p = this.postings.get(t)!
      counts[i] = p.n
      labels.set(p.labels.slice(0, p.n), at)
      tfs.set(p.tfs.slice(0, p.n), at)
      at += p.n
    })
    const header = Buffer.from(
      JSON.stringify({
        k1: this.k1,
        b: this.b,
        terms: terms.length,
        termBytes: termBytes.length,
        postings: total,
        lengths: this.lengths.length,
        count: this.count,
        totalLength: this.totalLength,
      }),
    )
    const pad = (buf: Buffer) => Buffer.concat([buf, Buffer.alloc((4 - (buf.length % 4)) % 4)])
    const head = Buffer.alloc(12)
    head.write(MAGIC, 0, 'latin1')
    head.writeUInt32LE(header.length, 8)
    return Buffer.concat([
      head,
      pad(header),
      pad(termBytes),
      Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength),
      Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength),
      Buffer.from(tfs.buffer, tfs.byteOffset, tfs.byteLength),
      Buffer.from(this.lengths.buffer, this.lengths.byteOffset, this.lengths.byteLength),
    ])
  }

  /** Read the binary form; anything inconsistent throws (the caller rebuilds from the store). */
  static deserialize(buf: Buffer): LexicalIndex {
    if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a lexical index file')
    const headerLength = buf.readUInt32LE(8)
    const h = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as Record<string, number>
    const aligned = (n: number) => n + ((4 - (n % 4)) % 4)
    let at = 12 + aligned(headerLength)
    const terms = h.terms ? buf.toString('utf8', at, at + h.termBytes).split('\u0000') : []
    at += aligned(h.termBytes)
    // copy into fresh (aligned) memory: the file buffer may be a slice of a pooled one
    const take = (bytes: number) => {
      if (at + bytes > buf.length) throw new Error('lexical index file is truncated')
      const out = new Uint8Array(bytes)
      out.set(buf.subarray(at, at + bytes))
      at += bytes
      return out.buffer
    }
    const counts = new Uint32Array(take(4 * h.terms))
    const labels = new Int32Array(take(4 * h.postings))
    const tfs = new Uint16Array(take(2 * (h.postings + (h.postings % 2))))
    const lengths = new Uint32Array(take(4 * h.lengths))
    if (at !== buf.length || terms.length !== h.terms) throw new Error('lexical index file has the wrong size')
    const index = new LexicalIndex(h.k1, h.b)
    let offset = 0
    terms.forEach((term, i) => {
      const n = counts[i]
      index.postings.set(term, { labels: labels.subarray(offset, offset + n), tfs: tfs.subarray(offset, offset + n), n })
      offset += n
    })
    if (offset !== h.postings) throw new Error('lexical index file is inconsistent')
    index.lengths = lengths
    index.count = h.count
    index.totalLength = h.totalLength
    return index
  }
}

function binarySearch(array: Int32Array | number[], n: number, value: number): number {
  let lo = 0
  let hi = n - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (array[mid] === value) return mid
    if (array[mid] < value) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

function bits(mask: number): number[] {
  const out: number[] = []
  for (let g = 0; mask; g++, mask >>>= 1) if (mask & 1) out.push(g)
  return out
}
