import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBinaryCache, writeBinaryCache } from '../lib/binary-cache'
import { tempDir } from './helpers'

const accept = (meta: { version: number }) => meta.version === 1

describe('binary caches', () => {
  const write = () => {
    const file = join(tempDir('cache-'), 'c.bin')
    writeBinaryCache(file, { version: 1 }, { a: Float32Array.of(1.5, -2), b: Uint16Array.of(7, 8, 9), c: new Int32Array(0) })
    return file
  }

  it('reads back what it wrote', () => {
    const cache = readBinaryCache(write(), accept)!
    expect(cache.meta).toEqual({ version: 1 })
    expect(Array.from(cache.sections.a)).toEqual([1.5, -2])
    expect(Array.from(cache.sections.b)).toEqual([7, 8, 9])
    expect(cache.sections.c.length).toBe(0)
  })

  it('rejects another version without deleting the file', () => {
    const file = write()
    expect(readBinaryCache(file, (meta: { version: number }) => meta.version === 2)).toBeUndefined()
    expect(existsSync(file)).toBe(true)
  })

  it('removes a damaged or truncated file instead of trusting it', () => {
    const flipped = write()
    const bytes = readFileSync(flipped)
    bytes[bytes.length - 3] ^= 0xff
    writeFileSync(flipped, bytes)
    expect(readBinaryCache(flipped, accept)).toBeUndefined()
    expect(existsSync(flipped)).toBe(false)

    const truncated = write()
    writeFileSync(truncated, readFileSync(truncated).subarray(0, 20))
    expect(readBinaryCache(truncated, accept)).toBeUndefined()
    expect(existsSync(truncated)).toBe(false)
  })
})
