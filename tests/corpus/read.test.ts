import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeSource, SourceFileError } from '../../lib/corpus/read'

const sample = '中俄科技创新合作面临的风险挑战。技术转移环境亟待改善。'

describe('decoding source files', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeSource(Buffer.from(sample), 'a.txt')).toEqual({ text: sample, encoding: 'utf-8', replaced: 0 })
    expect(decodeSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]), 'a.txt')).toEqual({
      text: sample,
      encoding: 'utf-8-bom',
      replaced: 0,
    })
  })

  it('detects and converts GBK / GB18030', () => {
    const decoded = decodeSource(iconv.encode(sample, 'gbk'), 'gbk.txt')
    expect(decoded.text).toBe(sample)
    expect(decoded.encoding).toBe('gb18030')
  })

  it('rejects empty, blank and binary files with their reason, naming the file', () => {
    const reason = (bytes: Buffer) => {
      try {
        decodeSource(bytes, '/x/bad.txt')
      } catch (err) {
        expect(err).toBeInstanceOf(SourceFileError)
        expect((err as Error).message).toMatch(/^bad\.txt: /)
        return (err as SourceFileError).reason
      }
      throw new Error('accepted')
    }
    expect(reason(Buffer.alloc(0))).toMatch(/empty/)
    expect(reason(Buffer.from(' \n\n  '))).toMatch(/only white space/)
    expect(reason(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatch(/binary/)
    expect(reason(Buffer.from([0xfd, 0x41, 0x42, 0x80, 0x81, 0xff, 0xff, 0xfe, 0xc0, 0xc1]))).toMatch(/neither valid UTF-8 nor GB18030/)
  })

  it('reads UTF-16 LE and BE by their byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')])
    expect(decodeSource(le, 'le.txt')).toEqual({ text: sample, encoding: 'utf-16le', replaced: 0 })
    const be = Buffer.from(le.subarray(2)).swap16()
    expect(decodeSource(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'be.txt')).toEqual({ text: sample, encoding: 'utf-16be', replaced: 0 })
  })

  it('replaces a few invalid bytes and says how many; rejects a file with many', () => {
    const long = sample.repeat(40) // about 1,100 characters
    const bytes = Buffer.from(long)
    const damaged = Buffer.concat([bytes.subarray(0, 30), Buffer.from([0xff]), bytes.subarray(30, 600), Buffer.from([0xc3, 0x28]), bytes.subarray(600)])
    const decoded = decodeSource(damaged, 'a.txt')
    expect(decoded.replaced).toBe(2)
    expect(decoded.encoding).toBe('utf-8 (2 invalid bytes replaced with U+FFFD)')
    expect(decoded.text.replace(/\uFFFD/g, '').replace('(', '')).toBe(long)
    // many invalid bytes in UTF-16 text: rejected with the count, not silently repaired
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')])
    for (let i = 2; i < le.length; i += 4) le.writeUInt16LE(0xdc00, i) // lone low surrogates
    expect(() => decodeSource(le, '/x/bad16.txt')).toThrow(/bad16\.txt: \d+ invalid byte sequences in UTF-16LE/)
  })
})
