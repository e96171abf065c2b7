import type { QuestionFocus } from '../retrieve/analyze'
import { cleanGloss } from '../text/dictionary'
import { isHan } from '../text/segment'

// a verb with a result complement (建成 "completed") names the end of an event its base verb (建设 "build") does not
const RESULT_COMPLEMENT = /[成完好毕]$/

/**
 * Other words for the event a Chinese verb names: the dictionary's renderings of its first senses
 * that share a character in the same place with it (举行 "to hold" → 举办), so a text saying it either way supports
 * the question; a resultative verb keeps its complement (建成 is not 建设).
 */
export function eventSynonyms(verb: string, senses: string[], chineseFor: (englishWords: string[]) => string[]): string[] {
  const heads = senses
    .slice(0, 3)
    .map((s) => cleanGloss(s).replace(/^to /, '').split(/[;,]/)[0].trim())
    .filter(Boolean)
  const renderings = new Set(heads.flatMap((h) => chineseFor(h.split(' '))))
  // in the same place: 建立 is another word for 成立, 建成 ("built") is not
  const shares = (w: string) => [...w].some((c, i) => verb[i] === c)
  const keepsResult = (w: string) => !RESULT_COMPLEMENT.test(verb) || w.endsWith(verb.slice(-1))
  return [...renderings].filter((w) => w !== verb && w.length >= 2 && isHan(w) && shares(w) && keepsResult(w))
}

/** The focus with its Chinese event verbs' synonyms counted as support. */
export function withEventSynonyms(focus: QuestionFocus, synonyms: (verb: string) => string[]): QuestionFocus {
  const terms = focus.terms.map((t) => (t.event && isHan(t.text) ? { ...t, forms: [...t.forms, ...synonyms(t.text)] } : t))
  return { ...focus, terms }
}
