import { splitSentences } from '../chunk/sentences'
import type { FocusTerm, QuestionFocus } from '../retrieve/analyze'
import { supportsTerm } from '../retrieve/analyze'

/** Whether the retrieved passages can answer the question, and if not, what they lack. */
export interface Evidence {
  /** weighted share of the question's focus that the best passage supports, 0..1 */
  score: number
  /** names, numbers and years that no retrieved passage mentions */
  missing: FocusTerm[]
  /** the question asks for a number, an amount or a date, and no passage about its focus gives one */
  typeUnmet: boolean
}

/** Evidence score below which the answer declines; chosen from the curve `npm run eval` prints. */
export const EVIDENCE_THRESHOLD = 0.5

export function declines(e: Evidence, threshold = EVIDENCE_THRESHOLD): boolean {
  return e.missing.length > 0 || e.typeUnmet || e.score < threshold
}

const NUMERAL = '(?:\\d[\\d,.]*|[零一二两三四五六七八九十百千万亿逾数]+)'
const DATE = /\d{4}\s*年|\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|\b(1[89]|20)\d{2}\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/
const MONEY = new RegExp(`${NUMERAL}\\s*(亿|万)?\\s*(元|美元|卢布|欧元|人民币)|[$€¥]\\s*\\d|\\d\\s*(million|billion)`, 'i')

/** A number of the kind asked for, in the unit asked for when the question names one. */
function quantityPattern(unit?: string): RegExp {
  if (unit === '%') return /\d\s*[%％]|百分之/
  if (unit) return new RegExp(`${NUMERAL}\\s*(?:多|余)?\\s*${unit}`)
  // a count: a numeral with a measure word or a percentage (a bare year is not a count)
  return new RegExp(`${NUMERAL}\\s*(?:多|余)?\\s*(?:[%％项个名位家种次所座件篇份人倍条批]|亿|万)`)
}

/** Whether a sentence gives the kind of answer asked for (a count, an amount, a date). */
export function meetsType(focus: QuestionFocus, sentence: string): boolean {
  if (focus.wants === 'money') return MONEY.test(sentence)
  if (focus.wants === 'number') return quantityPattern(focus.unit).test(sentence)
  if (focus.wants === 'date') return DATE.test(sentence)
  return true
}

/**
 * Checks the passages against the question's focus: every name, number and year must occur in one
 * of them; the best passage must cover enough of the focus by weight; and a question asking for a
 * number, amount or date needs a sentence that gives one next to a focus term.
 */
export function assessEvidence(focus: QuestionFocus, passages: { text: string }[]): Evidence {
  const lower = passages.map((p) => p.text.toLowerCase())
  const missing = focus.terms.filter((t) => t.kind !== 'term' && !lower.some((text) => supportsTerm(text, t)))
  const total = focus.terms.reduce((s, t) => s + t.weight, 0)
  const coverage = (text: string) => (total ? focus.terms.filter((t) => supportsTerm(text, t)).reduce((s, t) => s + t.weight, 0) / total : 0)
  const score = lower.length ? Math.max(...lower.map(coverage)) : 0
  let typeUnmet = false
  if (focus.wants === 'number' || focus.wants === 'money' || focus.wants === 'date') {
    const content = focus.terms.filter((t) => t.kind !== 'number')
    typeUnmet = !lower.some((text) =>
      splitSentences(text).some((s) => {
        const sentence = text.slice(s.start, s.end)
        return meetsType(focus, sentence) && (!content.length || content.some((t) => supportsTerm(sentence, t)))
      }),
    )
  }
  return { score, missing, typeUnmet }
}
