import type { QuestionFocus } from '../retrieve/analyze'
import { PINYIN_NAME_RUN, romanizeName } from '../text/pinyin'

/** The Chinese names of the texts (two to four characters) that a pinyin name spells, family name first or last. */
export function namesSpelled(pinyin: string, texts: string[]): string[] {
  const words = pinyin.toLowerCase().split(/[ -]+/)
  const keys = new Set([words.join(''), [...words.slice(1), words[0]].join('')])
  const found = new Set<string>()
  for (const text of texts)
    for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? [])
      for (let i = 0; i < run.length - 1; i++)
        for (let len = 2; len <= 4 && i + len <= run.length; len++) {
          const name = run.slice(i, i + len)
          const { family, given } = romanizeName(name)
          if (keys.has(`${family}${given}`.toLowerCase())) found.add(name)
        }
  return [...found]
}

/**
 * A Chinese name an English question writes in pinyin (Yang Danxu) counts where the passages write it in
 * characters (杨丹旭): its words' terms gain the name as a form, when their own forms find nothing.
 */
export function withPinyinNames(focus: QuestionFocus, question: string, texts: string[]): QuestionFocus {
  const lower = texts.map((t) => t.toLowerCase())
  let terms = focus.terms
  for (const run of question.match(PINYIN_NAME_RUN) ?? []) {
    const words = run.split(/[ -]+/)
    const own = terms.filter((t) => words.includes(t.text) && !t.forms.some((f) => lower.some((x) => x.includes(f))))
    if (!own.length) continue
    const names = namesSpelled(run, texts)
    if (names.length) terms = terms.map((t) => (own.includes(t) ? { ...t, forms: [...t.forms, ...names] } : t))
  }
  return terms === focus.terms ? focus : { ...focus, terms }
}
