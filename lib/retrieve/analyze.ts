import type { QueryTermGroup } from '../index/lexical'
import { chineseIdf } from '../text/dictionary'
import { detectLang, isTraditional, toSimplified } from '../text/lang'
import { isHan, lexicalTerms, segment, stemEnglish } from '../text/segment'
import type { Lang } from '../types'
import { type EnglishChineseDictionary, type Translation, translateEnglish } from './translate'

export interface QueryAnalysis {
  question: string
  /** Simplified-Chinese form of the question */
  normalized: string
  lang: Lang
  traditional: boolean
  /** the question asks which source is cited: the notes/reference list is searched too */
  citationIntent: boolean
  groups: QueryTermGroup[]
  translations: Translation[]
  /** text given to the dense retriever: the question plus its Chinese translations */
  denseText: string
}

// Words that say what kind of answer is wanted (a citation, a source, a speech) rather than what it is about.
const META_TERMS = new Set(
  (
    '出处 引用 引述 来源 参考 参考文献 脚注 注释 讲话 论述 提到 提及 指出 认为 表示 说 讲 关于 内容 观点 是 ' +
    'cite citat sourc refer footnot quot mention state statement speech remark claim discuss describ'
  ).split(' '),
)

const isMeta = (group: QueryTermGroup) => group.terms.every((t) => META_TERMS.has(t)) || META_TERMS.has(stemEnglish(group.source ?? ''))

const CITATION_QUESTION =
  /\b(cite[sd]?|citing|citation|source|sources|reference[sd]?|footnote|quot(e|es|ed|ing))\b|引用|引述|出处|来源|参考文献|脚注|注释|文献/i

/** "Which source does the article cite for X?" rather than "what does it say about X?" */
export function isCitationQuestion(question: string): boolean {
  return CITATION_QUESTION.test(question)
}

/** How much a term tells apart (jieba's IDF; for English, its rarest translation's). */
function termSpecificity(group: QueryTermGroup): number {
  const chinese = group.terms.filter(isHan)
  if (chinese.length) return Math.max(...chinese.map(chineseIdf))
  return 9 // a Latin name or acronym: as specific as a rare word
}

export function analyzeQuery(question: string, dictionary: EnglishChineseDictionary, inCorpus: (term: string) => boolean): QueryAnalysis {
  const normalized = toSimplified(question.trim())
  const lang = detectLang(normalized)
  const groups: QueryTermGroup[] = []
  const translations: Translation[] = []
  const guessed = new Set<QueryTermGroup>()

  // Chinese words of the question (Latin words inside a Chinese question stay as they are)
  const chinesePart = lang === 'en' ? '' : normalized
  for (const term of new Set(lexicalTerms(chinesePart))) groups.push({ terms: [term], weight: 1, source: term })

  if (lang !== 'zh') {
    const englishPart = normalized.replace(/\p{Script=Han}+/gu, ' ')
    for (const t of translateEnglish(englishPart, dictionary, inCorpus)) {
      translations.push(t)
      // the English words themselves count too: English text in the corpus (references, abstracts)
      const stems = t.english.split(' ').map(stemEnglish)
      const group: QueryTermGroup = { terms: [...t.chinese, ...stems], weight: 1, source: t.english, ...(t.unknown ? { untranslated: true } : {}) }
      groups.push(group)
      if (t.loose) guessed.add(group)
    }
  }
  for (const g of groups) {
    // a guessed translation ranks less than a dictionary one
    g.weight = Math.min(2, termSpecificity(g) / 6) * (guessed.has(g) ? 0.5 : 1)
    if (isMeta(g)) g.meta = true
  }
  const chinese = translations.flatMap((t) => t.chinese.slice(0, 3))
  return {
    question,
    normalized,
    lang,
    traditional: isTraditional(question),
    citationIntent: isCitationQuestion(normalized),
    groups,
    translations,
    denseText: chinese.length ? `${normalized}\n${chinese.join(' ')}` : normalized,
  }
}

/** Whether a lower-cased text contains a query term: an English stem as the start of a word, Chinese anywhere. */
export function containsTerm(lowerText: string, term: string): boolean {
  return /^[a-z]/.test(term) ? new RegExp(`\\b${term.replace(/[^a-z0-9]/g, '')}`).test(lowerText) : lowerText.includes(term)
}

/** Chinese words of a text for highlighting (used by answerers to find matched terms). */
export function keyTerms(text: string): string[] {
  return segment(toSimplified(text)).filter((w) => w.length > 1)
}
