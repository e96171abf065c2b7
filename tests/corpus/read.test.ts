import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeSource, SourceFileError } from '../../lib/corpus/read'

const sample = '中俄科技创新合作面临的风险挑战。技术转移环境亟待改善。'

describe('decoding source files', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeSource(Buffer.from(sample), 'a.txt')).toEqual({ text: sample, encoding: 'utf-8' })
    expect(decodeSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]), 'a.txt')).toEqual({ text: sample, encoding: 'utf-8-bom' })
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
    expect(reason(Buffer.from([0xff, 0xfe, 0xfd, 0x41, 0x42, 0x80, 0x81, 0xff, 0xff, 0xfe]))).toMatch(/neither valid UTF-8 nor GB18030/)
  })
})
