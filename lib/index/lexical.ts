import { StringTable } from '../text/string-table'

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

/** One term's postings as a search reads them: chunk labels in increasing order and the term's frequency in each. */
interface Postings {
  labels: Int32Array
  tfs: Uint8Array
  n: number
}

export interface LexicalHit {
  /** the chunk's label */
  doc: number
  score: number
  /** indexes of the query groups the chunk matched */
  groups: number[]
}

const MAGIC = 'BM25LEX4'

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
  /**
   * Terms added or changed since the index was read (they shadow the read ones): each posting one
   * number, label × 256 + frequency, labels increasing. One small plain array a term: most of an
   * ingest's 1.5M terms at 100k passages occur in one or two chunks, and an object with two arrays
   * each cost about 400 bytes where this costs about 60.
   */
  private readonly postings = new Map<string, number[]>()
  /** as read from a file, left in its compact form: a term's labels are decoded when a search needs them */
  private read: ReadPostings = emptyReadPostings()
  /** per read term: 1 once its postings were copied into `postings` (so a save skips the read copy) */
  private shadowed = new Uint8Array(0)
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
    return this.documentFrequency(term) > 0
  }

  documentFrequency(term: string): number {
    const changed = this.postings.get(term)
    if (changed) return changed.length
    const id = this.read.terms.indexOf(term)
    return id < 0 ? 0 : this.read.counts[id]
  }

  /** A term's postings: changed since read, or decoded from what was read. */
  private get(term: string): Postings | undefined {
    const changed = this.postings.get(term)
    if (changed) return unpack(changed)
    const id = this.read.terms.indexOf(term)
    return id < 0 ? undefined : decodePostings(this.read, id)
  }

  /** A term's postings, packed, in an array that can change (copied once from what was read). */
  private changeable(term: string): number[] {
    let p = this.postings.get(term)
    if (!p) {
      const id = this.read.terms.indexOf(term)
      const read = id < 0 ? undefined : decodePostings(this.read, id)
      if (read) this.shadowed[id] = 1
      p = read ? Array.from(read.labels.subarray(0, read.n), (label, i) => pack(label, read.tfs[i])) : []
      this.postings.set(term, p)
    }
    return p
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
      const p = this.changeable(term)
      if (p.length && labelOf(p[p.length - 1]) > label) throw new Error(`lexical index: chunk ${label} added out of order`)
      p.push(pack(label, Math.min(f, 255)))
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
      if (!this.has(term)) continue
      const p = this.changeable(term)
      const at = binarySearch(p, label)
      if (at >= 0) p.splice(at, 1) // an emptied term stays, so it keeps shadowing what was read
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
        const p = this.get(term)
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

  /** Whether a file starts like one this version writes (an older format is rebuilt). */
  static isCurrentFormat(start: Buffer): boolean {
    return start.toString('latin1', 0, 8) === MAGIC
  }

  /** Binary form (see `serializeParts`) in one buffer. */
  serialize(): Buffer {
    return Buffer.concat(this.serializeParts())
  }

  /**
   * Binary form, as parts to write one after another (no copy of the whole): magic and header, the
   * terms as UTF-16 code units with their offsets, each term's posting count, chunk lengths, term
   * frequencies (one byte each), then the labels of each term's postings as gaps in LEB128 varints
   * (most gaps fit in one or two bytes). Terms unchanged since the file was read are copied as they
   * were, without decoding them.
   */
  serializeParts(): Buffer[] {
    const r = this.read
    const kept: number[] = []
    for (let id = 0; id < r.counts.length; id++) if (r.counts[id] && !this.shadowed[id]) kept.push(id)
    const changed = [...this.postings].filter(([, p]) => p.length)
    const terms = kept.length + changed.length
    const offsets = new Uint32Array(terms + 1)
    const counts = new Uint32Array(terms)
    kept.forEach((id, i) => {
      offsets[i + 1] = offsets[i] + r.terms.offsets[id + 1] - r.terms.offsets[id]
      counts[i] = r.counts[id]
    })
    changed.forEach(([term, p], j) => {
      const i = kept.length + j
      offsets[i + 1] = offsets[i] + term.length
      counts[i] = p.length
    })
    const chars = new Uint16Array(offsets[terms] + (offsets[terms] % 2))
    let total = 0
    for (const n of counts) total += n
    const tfs = new Uint8Array(total + ((4 - (total % 4)) % 4))
    const gaps = new GapWriter(total * 2)
    let at = 0
    kept.forEach((id, i) => {
      chars.set(r.terms.chars.subarray(r.terms.offsets[id], r.terms.offsets[id + 1]), offsets[i])
      tfs.set(r.tfs.subarray(r.starts[id], r.starts[id + 1]), at)
      at += r.counts[id]
      gaps.copy(r.gaps.subarray(r.gapStarts[id], r.gapStarts[id + 1]))
    })
    changed.forEach(([term, p], j) => {
      const start = offsets[kept.length + j]
      for (let c = 0; c < term.length; c++) chars[start + c] = term.charCodeAt(c)
      let previous = 0
      for (const posting of p) {
        const label = labelOf(posting)
        tfs[at++] = posting - label * 256
        gaps.write(label - previous)
        previous = label
      }
    })
    const header = Buffer.from(
      JSON.stringify({
        k1: this.k1,
        b: this.b,
        terms,
        chars: chars.length,
        postings: total,
        gapBytes: gaps.length,
        lengths: this.lengths.length,
        count: this.count,
        totalLength: this.totalLength,
      }),
    )
    const head = Buffer.alloc(12)
    head.write(MAGIC, 0, 'latin1')
    head.writeUInt32LE(header.length, 8)
    const bytes = (a: Uint8Array | Uint16Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
    return [
      head,
      header,
      Buffer.alloc((4 - (header.length % 4)) % 4),
      bytes(chars),
      bytes(offsets),
      bytes(counts),
      bytes(this.lengths),
      bytes(tfs),
      bytes(gaps.bytes()),
    ]
  }

  /** Read the binary form; anything inconsistent throws (the caller rebuilds from the store). */
  static deserialize(buf: Buffer): LexicalIndex {
    if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a lexical index file')
    const headerLength = buf.readUInt32LE(8)
    if (12 + headerLength > buf.length) throw new Error('lexical index file is truncated')
    const h = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as Record<string, number>
    let at = 12 + headerLength + ((4 - (headerLength % 4)) % 4)
    const take = <T extends ArrayBufferView>(Type: TypedArrayType<T>, length: number): T => {
      const bytes = length * Type.BYTES_PER_ELEMENT
      if (!Number.isInteger(length) || length < 0 || at + bytes > buf.length) throw new Error('lexical index file is truncated')
      const offset = buf.byteOffset + at
      at += bytes
      // a view where the file's memory is aligned for the type, else a copy
      if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(buf.buffer, offset, length)
      const copy = new Type(length)
      new Uint8Array(copy.buffer).set(buf.subarray(at - bytes, at))
      return copy
    }
    const chars = take(Uint16Array, h.chars)
    const offsets = take(Uint32Array, h.terms + 1)
    const counts = take(Uint32Array, h.terms)
    const lengths = take(Uint32Array, h.lengths)
    const tfs = take(Uint8Array, h.postings + ((4 - (h.postings % 4)) % 4))
    const gaps = take(Uint8Array, h.gapBytes)
    if (at !== buf.length) throw new Error('lexical index file has the wrong size')
    for (let i = 0; i < h.terms; i++) if (offsets[i + 1] < offsets[i]) throw new Error('lexical index file is inconsistent')
    if (offsets[h.terms] > chars.length) throw new Error('lexical index file is inconsistent')
    const index = new LexicalIndex(h.k1, h.b)
    index.read = { terms: StringTable.fromChars(chars, offsets), counts, tfs, gaps, ...postingStarts(counts, gaps, h.postings) }
    index.shadowed = new Uint8Array(h.terms)
    index.lengths = lengths
    index.count = h.count
    index.totalLength = h.totalLength
    return index
  }
}

type TypedArrayType<T> = { new (length: number): T; new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number }

/** Postings as read from a file: term i has counts[i] postings, its frequencies at tfs[starts[i]..] and its label gaps at gaps[gapStarts[i]..]. */
interface ReadPostings {
  terms: StringTable
  counts: Uint32Array
  starts: Uint32Array
  tfs: Uint8Array
  gaps: Uint8Array
  gapStarts: Uint32Array
}

function emptyReadPostings(): ReadPostings {
  return {
    terms: StringTable.build([]),
    counts: new Uint32Array(0),
    starts: new Uint32Array(1),
    tfs: new Uint8Array(0),
    gaps: new Uint8Array(0),
    gapStarts: new Uint32Array(1),
  }
}

/** Where each term's postings start, from the counts and one pass over the varints (the last byte of each has the high bit clear). */
function postingStarts(counts: Uint32Array, gaps: Uint8Array, postings: number): { starts: Uint32Array; gapStarts: Uint32Array } {
  const starts = new Uint32Array(counts.length + 1)
  const gapStarts = new Uint32Array(counts.length + 1)
  let g = 0
  for (let i = 0; i < counts.length; i++) {
    starts[i + 1] = starts[i] + counts[i]
    for (let left = counts[i]; left > 0 && g < gaps.length; g++) if (gaps[g] < 0x80) left--
    gapStarts[i + 1] = g
  }
  if (starts[counts.length] !== postings || g !== gaps.length || (g > 0 && gaps[g - 1] >= 0x80)) throw new Error('lexical index file is inconsistent')
  return { starts, gapStarts }
}

/** One read term's postings, its labels decoded from their gaps. */
function decodePostings(read: ReadPostings, id: number): Postings {
  const n = read.counts[id]
  const labels = new Int32Array(n)
  let g = read.gapStarts[id]
  let previous = 0
  for (let j = 0; j < n; j++) {
    let gap = 0
    let shift = 0
    let byte: number
    do {
      byte = read.gaps[g++]
      gap |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80 && shift < 35)
    previous += gap
    labels[j] = previous
  }
  return { labels, tfs: read.tfs.subarray(read.starts[id], read.starts[id] + n), n }
}

/** LEB128 varints into a growing byte array. */
class GapWriter {
  private buffer: Uint8Array
  length = 0

  constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(16, capacity))
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes))
    grown.set(this.buffer.subarray(0, this.length))
    this.buffer = grown
  }

  write(value: number): void {
    this.reserve(5)
    let v = value
    while (v >= 0x80) {
      this.buffer[this.length++] = (v & 0x7f) | 0x80
      v >>>= 7
    }
    this.buffer[this.length++] = v
  }

  copy(bytes: Uint8Array): void {
    this.reserve(bytes.length)
    this.buffer.set(bytes, this.length)
    this.length += bytes.length
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length)
  }
}

const pack = (label: number, tf: number) => label * 256 + tf
const labelOf = (posting: number) => Math.floor(posting / 256)

function unpack(packed: number[]): Postings {
  const labels = new Int32Array(packed.length)
  const tfs = new Uint8Array(packed.length)
  packed.forEach((posting, i) => {
    labels[i] = labelOf(posting)
    tfs[i] = posting - labels[i] * 256
  })
  return { labels, tfs, n: packed.length }
}

/** Where `label` is among packed postings (ordered by label), or -1. */
function binarySearch(packed: number[], label: number): number {
  let lo = 0
  let hi = packed.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const at = labelOf(packed[mid])
    if (at === label) return mid
    if (at < label) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

function bits(mask: number): number[] {
  const out: number[] = []
  for (let g = 0; mask; g++, mask >>>= 1) if (mask & 1) out.push(g)
  return out
}
