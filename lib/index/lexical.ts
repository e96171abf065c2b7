import { StringTable } from '../text/string-table'
import { AddedPostings, grown } from './added-postings'

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
  labels: Int32Array | Uint32Array
  tfs: Uint8Array
}

export interface LexicalHit {
  /** the chunk's label */
  doc: number
  score: number
  /** indexes of the query groups the chunk matched */
  groups: number[]
}

const MAGIC = 'BM25LEX4'

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
 * typed arrays (so a term like "constructor" is just a key): those read from a file stay in their
 * compact form, those added since are in `AddedPostings`; a removed chunk's postings are skipped
 * and dropped when the index is saved (labels are never reused). A query is a list of term groups
 * scored as synonym sets: the group's term frequency is the sum over its terms and its document
 * frequency their union, so all translations of one English word together weigh what the word weighs.
 */
export class LexicalIndex {
  /** as read from a file, left in its compact form: a term's labels are decoded when a search needs them */
  private read: ReadPostings = emptyReadPostings()
  private added = new AddedPostings()
  /** length of each chunk by label (at least 1); 0 = no such chunk, or removed */
  private lengths: Uint32Array<ArrayBufferLike> = new Uint32Array(0)
  /** the highest label ever indexed: a new chunk must come after it */
  private lastLabel = -1
  /** the highest label the file read held */
  private lastReadLabel = -1
  /** whether a chunk read from the file was removed (a save then filters the read postings) */
  private removedRead = false
  /** whether any chunk was removed since the index was read or built (postings may then hold removed labels) */
  private removedAny = false
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

  /** Whether some chunk in the index has the term. */
  has(term: string): boolean {
    return this.documentFrequency(term) > 0
  }

  documentFrequency(term: string): number {
    if (!this.removedAny) {
      const readId = this.readIdOf(term)
      const addedId = this.added.idOf(term)
      return (readId >= 0 ? this.read.counts[readId] : 0) + (addedId >= 0 ? this.added.postings(addedId).labels.length : 0)
    }
    let df = 0
    for (const p of this.parts(term)) for (const label of p.labels) if (this.lengths[label]) df++
    return df
  }

  private readonly readIdOf = (term: string): number => (this.read.terms.size ? this.read.terms.indexOf(term) : -1)

  /** A term's postings: as read, then as added (labels increase across both); removed chunks still in them. */
  private parts(term: string): Postings[] {
    const parts: Postings[] = []
    const readId = this.readIdOf(term)
    if (readId >= 0) parts.push(decodePostings(this.read, readId))
    const addedId = this.added.idOf(term)
    if (addedId >= 0) parts.push(this.added.postings(addedId))
    return parts
  }

  idf(df: number): number {
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5))
  }

  /** Add one chunk (labels must increase from one add to the next, as the store hands them out). */
  add(label: number, terms: string[]): void {
    if (label <= this.lastLabel) throw new Error(`lexical index: chunk ${label} is already indexed or added out of order`)
    this.added.add(label, terms, this.readIdOf)
    this.lengths = grown(this.lengths, label + 1)
    // a chunk with no terms still counts as a chunk, of length 1
    this.lengths[label] = Math.max(1, terms.length)
    this.totalLength += this.lengths[label]
    this.lastLabel = label
    this.count++
  }

  /** Remove one chunk: its postings are skipped from now on (and dropped when the index is saved). */
  remove(label: number): void {
    if (label >= this.lengths.length || !this.lengths[label]) return
    this.totalLength -= this.lengths[label]
    this.lengths[label] = 0
    this.count--
    this.removedRead ||= label <= this.lastReadLabel
    this.removedAny = true
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
        for (const p of this.parts(term)) {
          for (let i = 0; i < p.labels.length; i++) {
            const label = p.labels[i]
            if (!this.lengths[label]) continue
            if (this.groupTf[label] === 0) groupDocs.push(label)
            this.groupTf[label] += p.tfs[i]
          }
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
   * (most gaps fit in one or two bytes). Read terms nothing was added to are copied as they were,
   * without decoding them, unless a read chunk was removed; removed chunks' postings are dropped.
   */
  serializeParts(): Buffer[] {
    const r = this.read
    const out = new PostingsWriter(r.counts.length + this.added.termCount, r.tfs.length + this.added.length)
    const live = (label: number) => this.lengths[label] > 0
    // the added postings of each read term
    const extension = new Int32Array(r.counts.length).fill(-1)
    for (let id = 0; id < this.added.termCount; id++) if (this.added.readIdOf(id) >= 0) extension[this.added.readIdOf(id)] = id
    for (let id = 0; id < r.counts.length; id++) {
      const chars = r.terms.chars.subarray(r.terms.offsets[id], r.terms.offsets[id + 1])
      if (extension[id] < 0 && !this.removedRead) {
        out.copyTerm(chars, r.counts[id], r.tfs.subarray(r.starts[id], r.starts[id + 1]), r.gaps.subarray(r.gapStarts[id], r.gapStarts[id + 1]))
        continue
      }
      out.startTerm(chars)
      out.postings(decodePostings(r, id), live)
      if (extension[id] >= 0) out.postings(this.added.postings(extension[id]), live)
      out.endTerm()
    }
    for (let id = 0; id < this.added.termCount; id++) {
      if (this.added.readIdOf(id) >= 0) continue
      out.startTerm(this.added.term(id))
      out.postings(this.added.postings(id), live)
      out.endTerm()
    }
    const { chars, offsets, counts, tfs, gaps } = out.result()
    const header = Buffer.from(
      JSON.stringify({
        k1: this.k1,
        b: this.b,
        terms: counts.length,
        chars: chars.length,
        postings: out.postingCount,
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
      bytes(gaps),
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
    index.lengths = lengths
    index.lastLabel = lengths.findLastIndex((length) => length > 0)
    index.lastReadLabel = index.lastLabel
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
  return { labels, tfs: read.tfs.subarray(read.starts[id], read.starts[id] + n) }
}

/** LEB128 varints into a growing byte array. */
class GapWriter {
  private buffer: Uint8Array
  length = 0

  constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(16, capacity))
  }

  private reserve(bytes: number): void {
    this.buffer = grown(this.buffer, this.length + bytes)
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

/** The file's term and posting sections, written term by term (a term left with no postings is dropped). */
class PostingsWriter {
  private chars = new Uint16Array(4096)
  private charCount = 0
  private readonly offsets: Uint32Array
  private readonly counts: Uint32Array
  private terms = 0
  private readonly tfs: Uint8Array
  postingCount = 0
  private readonly gaps: GapWriter
  private termChars = 0
  private termPostings = 0
  private previous = 0

  constructor(maxTerms: number, maxPostings: number) {
    this.offsets = new Uint32Array(maxTerms + 1)
    this.counts = new Uint32Array(maxTerms)
    this.tfs = new Uint8Array(maxPostings + 4)
    this.gaps = new GapWriter(maxPostings * 2)
  }

  private writeChars(term: Uint16Array | string): void {
    // (one more for the padding unit `result` may add)
    this.chars = grown(this.chars, this.charCount + term.length + 1)
    if (typeof term === 'string') for (let c = 0; c < term.length; c++) this.chars[this.charCount + c] = term.charCodeAt(c)
    else this.chars.set(term, this.charCount)
    this.charCount += term.length
  }

  startTerm(term: Uint16Array | string): void {
    this.termChars = this.charCount
    this.termPostings = 0
    this.previous = 0
    this.writeChars(term)
  }

  postings(p: Postings, keep: (label: number) => boolean): void {
    for (let i = 0; i < p.labels.length; i++) {
      const label = p.labels[i]
      if (!keep(label)) continue
      this.tfs[this.postingCount++] = p.tfs[i]
      this.gaps.write(label - this.previous)
      this.previous = label
      this.termPostings++
    }
  }

  endTerm(): void {
    if (!this.termPostings) {
      this.charCount = this.termChars
      return
    }
    this.counts[this.terms++] = this.termPostings
    this.offsets[this.terms] = this.charCount
  }

  /** A read term as it was: its characters, frequencies and gaps copied without decoding. */
  copyTerm(term: Uint16Array, count: number, tfs: Uint8Array, gaps: Uint8Array): void {
    if (!count) return
    this.writeChars(term)
    this.tfs.set(tfs, this.postingCount)
    this.postingCount += count
    this.gaps.copy(gaps)
    this.counts[this.terms++] = count
    this.offsets[this.terms] = this.charCount
  }

  /** The sections, padded as the file lays them out (code units to an even count, frequencies to a multiple of four). */
  result(): { chars: Uint16Array; offsets: Uint32Array; counts: Uint32Array; tfs: Uint8Array; gaps: Uint8Array } {
    this.chars[this.charCount] = 0
    return {
      chars: this.chars.subarray(0, this.charCount + (this.charCount % 2)),
      offsets: this.offsets.subarray(0, this.terms + 1),
      counts: this.counts.subarray(0, this.terms),
      tfs: this.tfs.subarray(0, this.postingCount + ((4 - (this.postingCount % 4)) % 4)),
      gaps: this.gaps.bytes(),
    }
  }
}

function bits(mask: number): number[] {
  const out: number[] = []
  for (let g = 0; mask; g++, mask >>>= 1) if (mask & 1) out.push(g)
  return out
}
