// A read-only string → id table in three typed arrays (UTF-16 code units, offsets, hash slots): it is
// stored in binary caches as is and needs no parsing or Map building when a process starts.

/** FNV-1a over a string's UTF-16 code units, unsigned. */
export const hash = (s: string) => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** The same hash over a string stored as UTF-16 code units. */
const hashChars = (chars: Uint16Array, start: number, end: number) => {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ chars[i], 0x01000193)
  return h >>> 0
}

export class StringTable {
  constructor(
    readonly chars: Uint16Array,
    readonly offsets: Uint32Array,
    /** open addressing, linear probing; id + 1, 0 = empty */
    readonly slots: Int32Array,
  ) {}

  /** A table of distinct strings; a string's id is its position. */
  static build(strings: readonly string[]): StringTable {
    const offsets = new Uint32Array(strings.length + 1)
    for (let i = 0; i < strings.length; i++) offsets[i + 1] = offsets[i] + strings[i].length
    const chars = new Uint16Array(offsets[strings.length])
    strings.forEach((s, i) => {
      for (let c = 0; c < s.length; c++) chars[offsets[i] + c] = s.charCodeAt(c)
    })
    return StringTable.fromChars(chars, offsets)
  }

  /** A table of distinct strings given as code units and offsets (string i is chars[offsets[i]..offsets[i + 1])). */
  static fromChars(chars: Uint16Array, offsets: Uint32Array): StringTable {
    const n = offsets.length - 1
    let size = 16
    while (size < n * 2) size *= 2
    const slots = new Int32Array(size)
    for (let i = 0; i < n; i++) {
      let slot = hashChars(chars, offsets[i], offsets[i + 1]) & (size - 1)
      while (slots[slot]) slot = (slot + 1) & (size - 1)
      slots[slot] = i + 1
    }
    return new StringTable(chars, offsets, slots)
  }

  get size(): number {
    return this.offsets.length - 1
  }

  /** The string with this id. */
  at(id: number): string {
    return String.fromCharCode(...this.chars.subarray(this.offsets[id], this.offsets[id + 1]))
  }

  /** The id of a string, or -1. */
  indexOf(s: string): number {
    const mask = this.slots.length - 1
    for (let slot = hash(s) & mask; this.slots[slot]; slot = (slot + 1) & mask) {
      const id = this.slots[slot] - 1
      if (this.matches(id, s)) return id
    }
    return -1
  }

  private matches(id: number, s: string): boolean {
    const start = this.offsets[id]
    if (this.offsets[id + 1] - start !== s.length) return false
    for (let c = 0; c < s.length; c++) if (this.chars[start + c] !== s.charCodeAt(c)) return false
    return true
  }

  /** The three arrays under a name prefix, for writeBinaryCache. */
  sections(prefix: string): Record<string, Uint16Array | Uint32Array | Int32Array> {
    return { [`${prefix}.chars`]: this.chars, [`${prefix}.offsets`]: this.offsets, [`${prefix}.slots`]: this.slots }
  }

  static fromSections(sections: Record<string, unknown>, prefix: string): StringTable {
    return new StringTable(sections[`${prefix}.chars`] as Uint16Array, sections[`${prefix}.offsets`] as Uint32Array, sections[`${prefix}.slots`] as Int32Array)
  }
}

/** Lists of ids per key (compressed rows): ids of key k are values[starts[k]..starts[k+1]). */
export interface IdLists {
  starts: Uint32Array
  values: Uint32Array
}

export function buildIdLists(lists: readonly (readonly number[])[]): IdLists {
  const starts = new Uint32Array(lists.length + 1)
  lists.forEach((l, i) => {
    starts[i + 1] = starts[i] + l.length
  })
  const values = new Uint32Array(starts[lists.length])
  lists.forEach((l, i) => {
    values.set(l, starts[i])
  })
  return { starts, values }
}

export const idsOf = (lists: IdLists, key: number): Uint32Array =>
  key < 0 ? new Uint32Array(0) : lists.values.subarray(lists.starts[key], lists.starts[key + 1])
