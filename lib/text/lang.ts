import * as OpenCC from 'opencc-js'
import type { Lang } from '../types'

const toSimplifiedConverter = OpenCC.Converter({ from: 'tw', to: 'cn' })

/**
 * Convert Traditional Chinese characters to Simplified (other text is left as is). The converter
 * walks its dictionaries at every character, so text without a character it converts on its own
 * is returned as it is: most text is Simplified already. What that leaves out are its phrase
 * rules made only of such characters (一坏 → 一坯: 6 of 33k paragraphs of the scale set, all that one).
 */
export function toSimplified(text: string): string {
  return hasConvertibleCharacter(text) ? toSimplifiedConverter(text) : text
}

/** Per UTF-16 code unit: 0 not looked up yet, 1 the converter keeps it, 2 it converts it (or it is half of a pair). */
const conversionOf = new Uint8Array(0x10000)
const FIRST_CJK = 0x2e80

function hasConvertibleCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < FIRST_CJK) continue
    let conversion = conversionOf[code]
    if (!conversion) conversion = conversionOf[code] = converts(code) ? 2 : 1
    if (conversion === 2) return true
  }
  return false
}

function converts(code: number): boolean {
  if (code >= 0xd800 && code <= 0xdfff) return true // a character beyond the BMP: let the converter decide
  const char = String.fromCharCode(code)
  return toSimplifiedConverter(char) !== char
}

const HAN = /\p{Script=Han}/u
/** Whether the text has a Chinese character. */
export const isHan = (s: string) => HAN.test(s)

/** Language of a question: Chinese, English, or a mix where both carry real weight. */
export function detectLang(text: string): Lang {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length
  const latinWords = (text.match(/[A-Za-z]{2,}/g) ?? []).length
  if (han === 0) return 'en'
  if (latinWords === 0) return 'zh'
  // Chinese sentences often carry a Latin acronym; treat them as Chinese.
  if (han >= 4 && latinWords <= 2) return 'zh'
  if (latinWords >= 3 && han <= 4) return 'en'
  return 'mixed'
}

export function isTraditional(text: string): boolean {
  return toSimplified(text) !== text
}
