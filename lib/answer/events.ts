import type { QuestionFocus } from '../retrieve/analyze'
import { cleanGloss } from '../text/dictionary'
import { englishWords, isHan, stemEnglish } from '../text/segment'

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

/** Whether one of a Chinese word's senses is the English verb ("to sign (an agreement)" for sign), not a noun ("sign; mark"). */
export function isVerbFor(senses: string[], stem: string): boolean {
  return senses.some((s) => {
    const gloss = cleanGloss(s)
    return /^to\s/i.test(gloss) && englishWords(gloss).map(stemEnglish).includes(stem)
  })
}

/**
 * The focus with its event verbs' forms for the answering clause: a Chinese verb or one of its
 * synonyms, an English verb's renderings that are verbs for it (签署 for signed, not 标志 "a sign")
 * or that the corpus glossary gives for it (出台 for a policy adopted).
 */
export function withEventForms(
  focus: QuestionFocus,
  synonyms: (verb: string) => string[],
  senses: (word: string) => string[],
  glossary: (english: string) => string[] = () => [],
): QuestionFocus {
  const terms = focus.terms.map((t) => {
    if (!t.event) return t
    if (isHan(t.text)) {
      const forms = [...t.forms, ...synonyms(t.text)]
      return { ...t, forms, eventForms: forms }
    }
    const stem = stemEnglish(t.text.toLowerCase())
    // (multi-character words: 署 "to sign" is inside 部署; an irregular form, held or built, matches no gloss)
    const given = glossary(t.text.toLowerCase())
    const verbs = t.forms.filter((f) => isHan(f) && f.length >= 2 && (isVerbFor(senses(f), stem) || given.includes(f)))
    return verbs.length ? { ...t, eventForms: verbs } : t
  })
  return { ...focus, terms }
}
