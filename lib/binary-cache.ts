// Compact binary caches under data/cache: a JSON header and typed-array sections, checked by a CRC-32
// so that a truncated or corrupt file is rebuilt instead of trusted.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { crc32 } from 'node:zlib'

type TypedArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array
const TYPES = { Float32Array, Float64Array, Int32Array, Uint32Array, Uint16Array, Uint8Array }
type TypeName = keyof typeof TYPES

const MAGIC = 0x31435a52 // "RZC1"

interface Header<M> {
  meta: M
  sections: { name: string; type: TypeName; length: number }[]
}

const align8 = (n: number) => (n + 7) & ~7

/** Write meta (JSON) and named typed arrays atomically (temp file + rename). */
export function writeBinaryCache(file: string, meta: unknown, sections: Record<string, TypedArray>): void {
  const list = Object.entries(sections).map(([name, array]) => ({ name, type: array.constructor.name as TypeName, length: array.length, array }))
  const header = Buffer.from(JSON.stringify({ meta, sections: list.map(({ name, type, length }) => ({ name, type, length })) }), 'utf8')
  const start = align8(12 + header.length)
  const size = list.reduce((at, s) => align8(at + s.array.byteLength), start)
  const out = Buffer.alloc(size)
  out.writeUInt32LE(MAGIC, 0)
  out.writeUInt32LE(header.length, 8)
  header.copy(out, 12)
  let at = start
  for (const { array } of list) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at)
    at = align8(at + array.byteLength)
  }
  out.writeUInt32LE(crc32(out.subarray(8)), 4)
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, out)
  renameSync(tmp, file)
}

/**
 * Read a cache written by writeBinaryCache: undefined when it is missing, damaged (removed, so it is
 * rebuilt) or when `accept` rejects its meta (another version). Sections are views on one buffer.
 */
export function readBinaryCache<M>(file: string, accept: (meta: M) => boolean): { meta: M; sections: Record<string, TypedArray> } | undefined {
  if (!existsSync(file)) return undefined
  const bytes = readFileSync(file)
  const damaged = () => {
    rmSync(file, { force: true })
    return undefined
  }
  if (bytes.length < 12 || bytes.readUInt32LE(0) !== MAGIC || crc32(bytes.subarray(8)) !== bytes.readUInt32LE(4)) return damaged()
  const headerLength = bytes.readUInt32LE(8)
  let header: Header<M>
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength))
  } catch {
    return damaged()
  }
  if (!accept(header.meta)) return undefined
  // one aligned copy so that every section can be a typed-array view
  const buffer = new ArrayBuffer(bytes.length)
  new Uint8Array(buffer).set(bytes)
  const sections: Record<string, TypedArray> = {}
  let at = align8(12 + headerLength)
  for (const { name, type, length } of header.sections) {
    const Type = TYPES[type]
    if (!Type || at + length * Type.BYTES_PER_ELEMENT > buffer.byteLength) return damaged()
    sections[name] = new Type(buffer, at, length)
    at = align8(at + length * Type.BYTES_PER_ELEMENT)
  }
  return { meta: header.meta, sections }
}
