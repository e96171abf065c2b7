const DIGITS = '零一二三四五六七八九'
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
/** 万 and 亿, the myriads a Chinese figure is counted in. */
export const MYRIADS: Record<string, number> = { 万: 1e4, 亿: 1e8 }

/** A number Chinese numerals write (七, 十五, 两千, 三百万), or NaN. */
export function chineseNumber(text: string): number {
  let total = 0
  let section = 0
  let digit = -1
  for (const c of text) {
    const d = c === '两' ? 2 : DIGITS.indexOf(c)
    if (d >= 0) digit = d
    else if (UNITS[c]) {
      section += (digit < 0 ? 1 : digit) * UNITS[c]
      digit = -1
    } else if (MYRIADS[c]) {
      total += (section + Math.max(digit, 0) || 1) * MYRIADS[c]
      section = 0
      digit = -1
    } else return Number.NaN
  }
  return total + section + Math.max(digit, 0)
}
