import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import chardet from 'chardet'
import iconv from 'iconv-lite'

export const SUPPORTED_EXTENSIONS = ['.txt', '.md']

/** A source file that cannot be ingested, with the reason in words a user can act on. */
export class SourceFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${basename(file)}: ${reason}`)
  }
}

export interface DecodedFile {
  text: string
  encoding: string
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]

/** Decode a source file: UTF-8 (with or without BOM), else GB18030/GBK; rejects empty and binary files. */
export function decodeSource(bytes: Buffer, file: string): DecodedFile {
  if (bytes.length === 0) throw new SourceFileError(file, 'the file is empty')
  if (looksBinary(bytes)) throw new SourceFileError(file, 'the file is binary, not text (it contains NUL or control bytes)')

  let decoded: DecodedFile | undefined
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
    decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  } else {
    try {
      decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
    } catch {
      decoded = decodeLegacyChinese(bytes, file)
    }
  }
  if (decoded.text.trim().length === 0) throw new SourceFileError(file, 'the file contains only white space')
  return decoded
}

function decodeLegacyChinese(bytes: Buffer, file: string): DecodedFile {
  const guess = chardet.detect(bytes) ?? 'unknown'
  // GB18030 is a superset of GBK and GB2312; Big5 is the other common legacy Chinese encoding.
  const candidates = /big5/i.test(guess) ? ['big5', 'gb18030'] : ['gb18030', 'big5']
  for (const encoding of candidates) {
    const text = iconv.decode(bytes, encoding)
    if (isPlausibleText(text)) return { text, encoding }
  }
  throw new SourceFileError(file, `the file is neither valid UTF-8 nor GB18030/GBK/Big5 text (detected: ${guess}); convert it to UTF-8`)
}

function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192)
  let control = 0
  for (const b of sample) {
    if (b === 0) return true
    if (b < 9 || (b > 13 && b < 32)) control++
  }
  return control / sample.length > 0.02
}

function isPlausibleText(text: string): boolean {
  const replacement = (text.match(/\uFFFD/g) ?? []).length
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length
  const privateUse = (text.match(/[\uE000-\uF8FF]/g) ?? []).length
  return replacement <= text.length * 0.001 && privateUse <= text.length * 0.001 && han > 0
}

export function readSourceFile(path: string): DecodedFile {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (err) {
    throw new SourceFileError(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
  }
  return decodeSource(bytes, path)
}
