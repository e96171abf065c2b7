import type { AnswerType } from '../retrieve/analyze'
import { chineseNumber, MYRIADS } from '../text/numerals'
import { romanizeName } from '../text/pinyin'

// answers that may be several at once: the names in 阎学通老师和漆海霞老师 (several dates or figures leave open which answers)
const LISTED = new Set<AnswerType>(['person', 'place', 'institution'])

/**
 * "The passage gives: February 2019 (2019 年 2 月) [1]": what passage n's quote gives of the kind asked for,
 * when that is unambiguous (one date or figure, or up to three names), else nothing.
 */
export function statedLine(values: string[], wants: AnswerType, n: number, senses: (word: string) => string[]): string | undefined {
  const given = [...new Set(values)]
  if (wants === 'other' || !given.length || (given.length > 1 && !LISTED.has(wants))) return undefined
  return `The passage gives: ${given
    .slice(0, 3)
    .map((v) => inEnglish(v, wants, senses))
    .join('; ')} [${n}]`
}

/**
 * The answer a quoted sentence gives, said so an English reader can read it: a date or a number in
 * digits and English words (2019 年 2 月: February 2019; 逾千项: over 1,000), a person's name in pinyin
 * (阎学通: Yan Xuetong), a place by its English name, each with the Chinese as the text writes it (an
 * institution's name stays as written: its words' senses would make no name).
 */
export function inEnglish(value: string, wants: AnswerType, senses: (word: string) => string[]): string {
  const english =
    wants === 'date'
      ? dateInEnglish(value)
      : wants === 'number' || wants === 'money'
        ? amountInEnglish(value)
        : wants === 'person'
          ? personInEnglish(value)
          : wants === 'place'
            ? placeInEnglish(value, senses)
            : value
  return english && english !== value ? `${english} (${value})` : value
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

// a date as Chinese text writes it: 2019 年 2 月 16 日, 2020—2021 年, 2 月 16 日
const CHINESE_DATE = /^(\d{4})\s*(?:[—–~-]\s*(\d{4})\s*)?年?\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?|^(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?/

function dateInEnglish(value: string): string {
  const m = value.match(CHINESE_DATE)
  if (!m) return value
  const [, year, until, month, day, monthAlone, dayAlone] = m
  if (!year) return [dayAlone, MONTHS[Number(monthAlone) - 1]].filter(Boolean).join(' ')
  if (until) return `${year}–${until}`
  return [day, month ? MONTHS[Number(month) - 1] : '', year].filter(Boolean).join(' ')
}

// a figure: a hedge before it, digits or Chinese numerals, 万/亿, "more than" after it, a currency
const FIGURE = /(逾|超过|近|约)?\s*([\d,.]+|[零一二两三四五六七八九十百千万亿]+)\s*(万|亿)?\s*(多|余)?\s*(美元|元|人民币|卢布|欧元|%|％)?/
const HEDGES: Record<string, string> = { 逾: 'over', 超过: 'over', 近: 'nearly', 约: 'about' }
const CURRENCIES: Record<string, string> = { 美元: 'US dollars', 元: 'yuan', 人民币: 'yuan', 卢布: 'rubles', 欧元: 'euros', '%': '%', '％': '%' }

function amountInEnglish(value: string): string {
  // (a range: 10~15 年, 10-15)
  const range = value.match(/^(\d[\d.]*)\s*[~～—–-]\s*(\d[\d.]*)/)
  if (range) return `${range[1]}–${range[2]}`
  const m = value.match(FIGURE)
  if (!m) return value
  const [, hedge, figure, myriad, more, currency] = m
  const base = /\d/.test(figure) ? Number(figure.replace(/,/g, '')) : chineseNumber(figure)
  if (Number.isNaN(base)) return value
  const number = inWords(base * (myriad ? MYRIADS[myriad] : 1))
  const unit = currency ? (CURRENCIES[currency] === '%' ? '%' : ` ${CURRENCIES[currency]}`) : ''
  return `${hedge ? `${HEDGES[hedge]} ` : ''}${number}${more ? '+' : ''}${unit}`
}

/** 1,000; 3 million; 300 billion. */
function inWords(n: number): string {
  if (n >= 1e9) return `${Number((n / 1e9).toFixed(2))} billion`
  if (n >= 1e6) return `${Number((n / 1e6).toFixed(2))} million`
  return n.toLocaleString('en-US')
}

function personInEnglish(name: string): string {
  if (!/^\p{Script=Han}{2,4}$/u.test(name)) return name
  const { family, given } = romanizeName(name)
  return `${family} ${given}`.trim()
}

function placeInEnglish(name: string, senses: (word: string) => string[]): string {
  const proper = senses(name).find((s) => /^[A-Z]/.test(s))
  return proper ? proper.split(/[;,(]/)[0].trim() : name
}

const MONTH_NAMES = MONTHS.join('|')
// whole dates, not their parts: 2019 年 2 月 16 日, 2020—2021 年, 2 月, June 21, 2024, 21 June 2024
const FULL_DATE = new RegExp(
  `\\d{4}\\s*[—–~-]\\s*\\d{4}(?!\\s*年)|\\d{4}\\s*(?:[—–~-]\\s*\\d{4}\\s*)?年(?:\\s*\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*日)?)?|\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*日)?|(?:${MONTH_NAMES})\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+(?:${MONTH_NAMES})\\s+\\d{4}|(?:${MONTH_NAMES})\\s+\\d{4}|\\b(?:1[89]|20)\\d{2}\\b`,
  'g',
)

/** The whole dates a text gives, in order, once each; not one in a title (《关于 2030 年前……的联合声明》 is no date of it). */
export function datesIn(text: string): string[] {
  const untitled = text.replace(/《[^》]*》/g, ' ')
  return [...new Set([...untitled.matchAll(FULL_DATE)].map((m) => m[0].trim()))]
}
