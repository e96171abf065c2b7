import * as OpenCC from 'opencc-js'
import type { Lang } from '../types'

const toSimplifiedConverter = OpenCC.Converter({ from: 'tw', to: 'cn' })

/** Convert Traditional Chinese characters to Simplified (other text is left as is). */
export function toSimplified(text: string): string {
  // the converter walks its dictionary for every character: skip text with nothing to convert
  return isHan(text) ? toSimplifiedConverter(text) : text
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
