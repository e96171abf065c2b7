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
  /** the encoding, with a note when invalid bytes were replaced, e.g. "utf-8 (3 invalid bytes replaced with U+FFFD)" */
  encoding: string
  /** invalid byte sequences replaced with U+FFFD */
  replaced: number
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]
const UTF16_BOMS = [
  { bom: [0xff, 0xfe], encoding: 'utf-16le' },
  { bom: [0xfe, 0xff], encoding: 'utf-16be' },
] as const

/** Invalid sequences repaired in a file: 0.1% of its characters, at least 4 but never more than 1%; more reject it. */
const allowedInvalid = (chars: number) => Math.min(Math.max(4, Math.floor(chars * 0.001)), Math.floor(chars * 0.01))

const startsWith = (bytes: Buffer, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b)
const countReplacements = (text: string) => (text.match(/\uFFFD/g) ?? []).length

/**
 * Decode a source file: UTF-8 (with or without BOM), UTF-16 LE/BE by its BOM, else GB18030/GBK/Big5.
 * A few invalid byte sequences are replaced (and counted in `replaced`); empty, binary and mostly
 * undecodable files are rejected.
 */
export function decodeSource(bytes: Buffer, file: string): DecodedFile {
  if (bytes.length === 0) throw new SourceFileError(file, 'the file is empty')
  const decoded = decodeByBom(bytes, file) ?? decodeWithoutBom(bytes, file)
  if (decoded.text.trim().length === 0) throw new SourceFileError(file, 'the file contains only white space')
  return decoded
}

function decodeByBom(bytes: Buffer, file: string): DecodedFile | undefined {
  if (startsWith(bytes, UTF8_BOM)) return lenient(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8-bom', 0, file)
  const utf16 = UTF16_BOMS.find((b) => startsWith(bytes, b.bom))
  if (!utf16) return undefined
  const body = bytes.subarray(2)
  const text = new TextDecoder(utf16.encoding).decode(body)
  if (hasControlCharacters(text.slice(0, 8192)))
    throw new SourceFileError(file, `the file starts with a ${utf16.encoding.toUpperCase()} byte-order mark but is not ${utf16.encoding.toUpperCase()} text`)
  return lenient(text, utf16.encoding, body.length % 2, file)
}

function decodeWithoutBom(bytes: Buffer, file: string): DecodedFile {
  if (looksBinary(bytes)) throw new SourceFileError(file, 'the file is binary, not text (it contains NUL or control bytes)')
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', replaced: 0 }
  } catch {
    // not clean UTF-8: a few bad bytes in UTF-8 text are repaired; otherwise it is a legacy Chinese encoding
  }
  const text = new TextDecoder('utf-8').decode(bytes)
  const invalid = countReplacements(text)
  if (invalid <= allowedInvalid(text.length)) return lenient(text, 'utf-8', 0, file)
  return decodeLegacyChinese(bytes, file)
}

/** The decoded text with its replacement characters counted; too many of them reject the file. */
function lenient(text: string, encoding: string, extra: number, file: string): DecodedFile {
  const replaced = countReplacements(text) + extra
  if (replaced > allowedInvalid(text.length))
    throw new SourceFileError(
      file,
      `${replaced} invalid byte sequences in ${encoding.toUpperCase()} text (at most ${allowedInvalid(text.length)} are repaired); re-save it as UTF-8`,
    )
  return { text, encoding: replaced ? `${encoding} (${replaced} invalid byte${replaced === 1 ? '' : 's'} replaced with U+FFFD)` : encoding, replaced }
}

function decodeLegacyChinese(bytes: Buffer, file: string): DecodedFile {
  const guess = chardet.detect(bytes) ?? 'unknown'
  // GB18030 is a superset of GBK and GB2312; Big5 is the other common legacy Chinese encoding.
  const candidates = /big5/i.test(guess) ? ['big5', 'gb18030'] : ['gb18030', 'big5']
  for (const encoding of candidates) {
    const text = iconv.decode(bytes, encoding)
    if (isPlausibleText(text)) {
      const replaced = countReplacements(text)
      return { text, encoding: replaced ? `${encoding} (${replaced} invalid byte${replaced === 1 ? '' : 's'} replaced with U+FFFD)` : encoding, replaced }
    }
  }
  throw new SourceFileError(file, `the file is neither valid UTF-8 nor GB18030/GBK/Big5 text (detected: ${guess}); convert it to UTF-8`)
}

/** NUL and the C0 controls other than tab, line breaks and form feed: what text decoded with the wrong byte order is full of. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 9 || (c > 13 && c < 32)) return true
  }
  return false
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
  const replacement = countReplacements(text)
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
