import { type Span, splitSentences } from '../chunk/sentences'
import { dot } from '../embed/types'
import { containsTerm, type FocusTerm, INSTITUTIONS, type QueryAnalysis, type QuestionFocus, supportsTerm, telling } from '../retrieve/analyze'
import { chineseNumber } from '../text/numerals'
import { isHan } from '../text/segment'
import { BYLINE_SECTION, bylineAuthorsInPinyin, isArticleNote } from './byline'
import { answerScopes, answersIn, answersType, declines, type Evidence, entryAnswers, isEnglish, namesAskedKind, type Unbylined } from './evidence'
import { pickGloss } from './gloss'
import type { Outline } from './outline'
import type { CitedPassage } from './passages'
import { wordSenses } from './reading'
import { datesIn, statedLine } from './stated'

export interface ExtractiveInput {
  analysis: QueryAnalysis
  focus: QuestionFocus
  evidence: Evidence
  passages: CitedPassage[]
  /** passages retrieved after these, numbered after them: quoted only for clearly more of the focus */
  reserve?: CitedPassage[]
  /** the question asks which source the text cites */
  citationQuestion: boolean
  /** the question asks who wrote a document or where its author works, or names an author */
  bylineQuestion?: boolean
  /** it asks what a named author is: the note on the authors (their positions) answers before the byline */
  authorQuestion?: boolean
  embedDocuments: (texts: string[]) => Promise<Float32Array[]>
  /** the question's vector */
  queryVector: Float32Array
  /** a Chinese word's CC-CEDICT senses */
  senses: (word: string) => string[]
  /** the Chinese name of the place an English word names (washington: 华盛顿) */
  placeName?: (english: string) => string | undefined
  /** a list question's section: the answer lists its subsections (their passages are among `reserve`) */
  outline?: Outline
  /** whether the library has a term anywhere (a name missing from the passages may be elsewhere in it) */
  mentions?: (term: string) => boolean
}

export interface ExtractiveAnswer {
  text: string
  cited: number[]
  abstained: boolean
  /** the sentences quoted, by passage number, the answering one first */
  quotes: { n: number; quote: string }[]
}

interface Candidate {
  n: number
  quote: string
  coverage: number
  /** focus terms the sentence supports (indexes into focus.terms) */
  covers: number[]
  score: number
  order: number
  /** under another numbered item of a list than the one the question asks about */
  otherItem: boolean
}

const MAX_SENTENCES = 3
// how much more of the focus (weighted coverage) a reserve passage's sentence must carry than the best of the passages
const RESERVE_MARGIN = 0.15
// how much of the focus a sentence's section heading adds counts towards the sentence (under
// "3.5 技术转移环境亟待改善" a sentence on intermediaries is about technology transfer)
const HEADING_WEIGHT = 0.4

// an abstract restates the article in general words that match most questions; the body gives the facts
const SUMMARY_SECTION = /^(摘\s*要|内容提要|提要|abstract|summary|关键词|key\s*words)$/i
const SUMMARY_PENALTY = 0.3
const OTHER_ITEM_PENALTY = 0.4
/** A "why" question (为什么, what makes…): answered by a sentence that gives a cause or a purpose. */
const ASKS_WHY = /\bwhy\b|\bwhat makes\b|\bwhat causes\b|\bfor what reason|为什么|为何|什么原因|原因是什么|怎么会/i
const GIVES_REASON = /由于|因为|因此|因而|所以|导致|致使|造成|源于|在于|受[^，。]{1,20}影响|鉴于|为了|旨在|以便|原因|缺乏|难以|制约|阻碍|障碍/
// a preference among sentences about the focus, not a requirement: a cause may be told without a connective
const REASON_FIT = 0.15

/** Character-bigram overlap (Dice) of two strings: near-duplicate sentences score close to 1. */
export function bigramSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const set = new Set<string>()
    const t = s.replace(/\s+/g, '')
    for (let i = 0; i < t.length - 1; i++) set.add(t.slice(i, i + 2))
    return set
  }
  const x = grams(a)
  const y = grams(b)
  if (!x.size || !y.size) return 0
  let shared = 0
  for (const g of x) if (y.has(g)) shared++
  return (2 * shared) / (x.size + y.size)
}

/** Focus terms a sentence supports, and their weighted share. */
function focusCoverage(focus: QuestionFocus, sentence: string, weights = focus.terms.map((t) => t.weight)): { coverage: number; covers: number[] } {
  const lower = sentence.toLowerCase()
  const total = weights.reduce((s, w) => s + w, 0)
  const covers = focus.terms.flatMap((t, i) => (supportsTerm(lower, telling(t)) ? [i] : []))
  return { coverage: total ? covers.reduce((s, i) => s + weights[i], 0) / total : 0, covers }
}

/** Focus weights that favour terms few of the passages share (中俄 in every passage tells no sentence apart). */
function spreadWeights(focus: QuestionFocus, passages: CitedPassage[]): number[] {
  const texts = passages.map((p) => p.plain.toLowerCase())
  return focus.terms.map((t) => t.weight * Math.log(1 + texts.length / (1 + texts.filter((x) => supportsTerm(x, t)).length)))
}

// an ordinal item of a list the text numbers: 第 2 组：…, 第三类 … (what follows it, up to the next one, is about that item)
const ORDINAL_ITEM = /第\s*([0-9]+|[一二三四五六七八九十]+)\s*(?:组|类|个|次|届|条|批|项|阶段|部分|种)/g
const ordinalValue = (numeral: string): number => (/^\d+$/.test(numeral) ? Number(numeral) : chineseNumber(numeral))

/** The ordinal items a question asks about (the first group: 第一, 第 1), from its terms' forms. */
function askedOrdinals(focus: QuestionFocus): Set<number> {
  const asked = focus.terms.flatMap((t) => t.forms.flatMap((f) => (f.match(/^第\s*([0-9]+)$/) ? [Number(f.match(/\d+/)![0])] : [])))
  return new Set(asked)
}

interface Sentence {
  n: number
  quote: string
  order: number
  /** the numbered item of a list the sentence falls under, in its passage (第 2 组：… and the sentences after it) */
  item?: number
}

// the items of a list a sentence opens with 一是 (or 其一, （一）) and continues clause by clause after ；
const NEXT_ITEM = /^(?:[二三四五六七八九十]是|其[二三四五六七八九十]|[（(][二三四五六七八九十][）)])/
const ENDS_ITEM = /；$/

/** Clauses of a list (一是……；二是……；三是……) joined into the sentence that opens it: one item alone answers half of "what are they". */
function enumerationsJoined(spans: Span[], text: string): Span[] {
  const out: Span[] = []
  for (const s of spans) {
    const last = out[out.length - 1]
    if (last && ENDS_ITEM.test(text.slice(last.start, last.end)) && NEXT_ITEM.test(text.slice(s.start, s.end))) last.end = s.end
    else out.push({ ...s })
  }
  return out
}

/** Sentences of the passages worth quoting (headings and fragments left out). */
function candidateSentences(passages: CitedPassage[], bylineQuestion: boolean): Sentence[] {
  const out: Sentence[] = []
  for (const p of passages) {
    // a byline the question did not ask for only vouches that the author it names exists
    if (p.section === BYLINE_SECTION && !bylineQuestion) continue
    // a note entry or a byline is quoted whole: its parts are no sentences
    if (p.kind === 'reference' || p.section === BYLINE_SECTION) {
      out.push({ n: p.n, quote: p.plain, order: 0 })
      continue
    }
    const heading = p.section.split(' > ').pop() ?? ''
    let item: number | undefined
    enumerationsJoined(splitSentences(p.plain), p.plain).forEach((s, i) => {
      const quote = p.plain.slice(s.start, s.end).trim()
      const items = [...quote.matchAll(ORDINAL_ITEM)].map((m) => ordinalValue(m[1]))
      if (items.length) item = items[items.length - 1]
      const own = items.length ? items[0] : item
      if (quote.length >= 8 && quote !== heading && /[。！？!?.；;”」]$|[\p{Script=Han}]{12,}/u.test(quote))
        out.push({ n: p.n, quote, order: i, ...(own !== undefined ? { item: own } : {}) })
    })
  }
  return out
}

/**
 * The offline answerer. Declines when the evidence check finds the question's focus unsupported;
 * otherwise leads with the sentence that best answers (focus coverage, the kind of answer asked
 * for, dense similarity, passage rank) and adds a second or third only when it brings a focus
 * term the earlier ones lack or is nearly as good; near-duplicates are skipped.
 */
export async function extractiveAnswer(input: ExtractiveInput): Promise<ExtractiveAnswer> {
  const { analysis, passages, focus } = input
  const english = analysis.lang === 'en'
  if (!passages.length || declines(input.evidence)) return decline(input, english)

  const all = [...passages, ...(input.reserve ?? [])]
  const listed = input.outline && outlineAnswer(input.outline, all, input)
  if (listed) return listed
  const sentences = candidateSentences(all, !!input.bylineQuestion)
  const vectors = await input.embedDocuments(sentences.map((s) => s.quote))
  const kindOf = new Map(all.map((p) => [p.n, p.kind]))
  const byline = new Set(passages.filter((p) => p.section === BYLINE_SECTION).map((p) => p.n))
  // (a note on the article stands under the article's title)
  const titleOf = new Map(all.filter(isArticleNote).map((p) => [p.n, p.title]))
  // (a note on the article itself is no cited source: it neither answers "which source" nor stands back for a sentence)
  const isSourceEntry = (n: number) => kindOf.get(n) === 'reference' && !titleOf.has(n)
  const weights = spreadWeights(focus, passages)
  const citingOf = new Map(all.flatMap((p) => (p.citingSentence ? [[p.n, p.citingSentence] as const] : [])))
  const headingOf = new Map(all.map((p) => [p.n, (p.section === BYLINE_SECTION ? '' : (titleOf.get(p.n) ?? p.section.split(' > ').pop()!)).toLowerCase()]))
  // the sentence gives the kind of answer asked for (a number, a date, a person, a place) in a clause about the focus
  const lowerPassages = passages.map((p) => p.plain)
  const isAnswerName = (word: string) => {
    const senses = input.senses(word)
    const gloss = senses.length ? (/^[A-Z]/.test(senses[0]) ? senses[0] : undefined) : ''
    if (gloss === undefined || (focus.unit === 'city' && !/city|capital|municipality|town|prefecture/i.test(gloss))) return false
    return lowerPassages.filter((text) => text.includes(word)).length <= passages.length / 2
  }
  // (as in the evidence check: an English word no passage renders does not count against a sentence)
  const rendered = (t: FocusTerm) => isHan(t.text) || lowerPassages.some((text) => supportsTerm(text.toLowerCase(), t))
  const content = focus.terms.flatMap((t, i) =>
    t.kind !== 'number' && !t.namesDocument && !namesAskedKind(focus, t) && weights[i] > 0 && rendered(t) ? [i] : [],
  )
  const aboutTerms = (terms: number[]) => (scope: string) => {
    const lower = scope.toLowerCase()
    const total = terms.reduce((sum, i) => sum + weights[i], 0)
    return !total || terms.filter((i) => supportsTerm(lower, focus.terms[i])).reduce((sum, i) => sum + weights[i], 0) / total >= 0.5
  }
  const about = aboutTerms(content)
  // an entry's citing sentence says what happened, without the event verb (as in the evidence check)
  const citedFor = aboutTerms(content.filter((i) => !focus.terms[i].event))
  // (a note entry's fields all describe one work: it answers as a whole, its author answering "who";
  // an English entry's place answers "where" for what its citing sentence says)
  // (and a note on the article is about the article its title names: "whom do the authors of the outlook thank")
  const entryAbout = (entry: string, citing?: string, article?: string) =>
    about(article ? `${entry}\n${article}` : entry) || (focus.wants === 'place' && !!citing && isEnglish(entry) && citedFor(citing))
  // (the clauses of a sentence that give an answer of the kind asked for and are about the focus)
  const aboutScopes = (sentence: string) => answerScopes(sentence, (clause) => answersType(focus, clause, isAnswerName)).filter(about)
  const givesAnswer = (sentence: string, entry: boolean, citing?: string, article?: string) =>
    focus.wants !== 'other' &&
    (entry ? entryAbout(sentence, citing, article) && entryAnswers(focus, sentence, isAnswerName, input.placeName) : aboutScopes(sentence).length > 0)
  const ordinals = askedOrdinals(focus)
  const asksWhy = ASKS_WHY.test(analysis.question)
  const candidates: Candidate[] = sentences.map((s, i) => {
    // a note entry is about what the sentence carrying its marker says (an English entry for a Chinese claim),
    // when the question asks for a source or what the entry gives (a date, an author, a place); asked what the
    // text says, that sentence answers itself and the entry stands on its own words
    const citing = kindOf.get(s.n) === 'reference' ? citingOf.get(s.n) : undefined
    const readWithCiting = citing && (input.citationQuestion || focus.wants !== 'other')
    const { coverage, covers } = focusCoverage(focus, readWithCiting ? `${s.quote}\n${citing}` : s.quote, weights)
    // the section heading says what a sentence is about when the sentence itself does not repeat it
    const inContext = focusCoverage(focus, `${s.quote}\n${headingOf.get(s.n) ?? ''}`, weights).coverage
    const context = citing ? 0 : HEADING_WEIGHT * (inContext - coverage)
    const referenceFit = input.citationQuestion === isSourceEntry(s.n) ? 0.3 : 0
    const bylineFit = input.bylineQuestion && (byline.has(s.n) || titleOf.has(s.n)) ? (input.authorQuestion && titleOf.has(s.n) ? 0.8 : 0.5) : 0
    const typeFit = givesAnswer(s.quote, kindOf.get(s.n) === 'reference', citing, titleOf.get(s.n)) ? 0.3 : 0
    const reasonFit = asksWhy && GIVES_REASON.test(s.quote) ? REASON_FIT : 0
    const summary = SUMMARY_SECTION.test(headingOf.get(s.n) ?? '') ? SUMMARY_PENALTY : 0
    // a sentence under another numbered item than the one asked about (第 2 组 for "the first group") is about that one
    const otherItem = s.item !== undefined && ordinals.size > 0 && !ordinals.has(s.item)
    const score =
      coverage +
      context +
      0.5 * dot(input.queryVector, vectors[i]) +
      0.15 / s.n +
      referenceFit +
      bylineFit +
      typeFit +
      reasonFit -
      summary -
      (otherItem ? OTHER_ITEM_PENALTY : 0)
    return { ...s, coverage, covers, score, otherItem }
  })
  const inMain = new Set(passages.map((p) => p.n))
  const docOf = new Map(all.map((p) => [p.n, p.docId]))
  const bestMain = Math.max(0, ...candidates.filter((c) => inMain.has(c.n)).map((c) => c.coverage))
  const eligible = candidates.filter((c) => inMain.has(c.n) || c.coverage >= bestMain + RESERVE_MARGIN)
  eligible.sort((a, b) => b.score - a.score)

  const chosen = chooseQuotes(eligible, byline, docOf)
  if (!chosen.length) return decline(input, english)

  if (input.citationQuestion) {
    const reference = chosen.find((c) => kindOf.get(c.n) === 'reference')
    if (reference) return citationAnswer(reference, all, focus, english)
  }
  const byN = new Map(all.map((p) => [p.n, p]))
  // (a note entry that does not give the kind of answer asked for stands behind the sentence citing it that does:
  // "one of how many areas" is answered by 八个重点领域之一, not by the joint statement's title)
  const citingLeads = (entry: CitedPassage, citing: string) => !givesAnswer(entry.plain, true, citing) && givesAnswer(citing, false)
  const quotes = withCitingSentences(
    chosen.map((c) => ({ n: c.n, quote: c.quote })),
    byN,
    citingLeads,
  )
  const lines = english
    ? quotes.map((q) => `- ${englishLead(q.quote, byN.get(q.n)!, input)}: “${oneLine(q.quote)}” [${q.n}]`)
    : quotes.map((q) => `- ${oneLine(q.quote)}[${q.n}]`)
  // an English asker is told first what the leading quote gives, in words they read (a date, a figure, a name)
  // (a byline's lead already names its authors in pinyin)
  const lead = chosen[0]
  const scopes = kindOf.get(lead.n) === 'reference' ? [lead.quote] : aboutScopes(lead.quote)
  const given = focus.wants === 'date' ? scopes.flatMap(datesIn) : scopes.flatMap((scope) => answersIn(focus, scope, isAnswerName, input.placeName))
  const stated = english && !byline.has(lead.n) ? statedLine(given, focus.wants, lead.n, input.senses) : undefined
  if (stated) lines.unshift(stated)
  return { text: lines.join('\n'), cited: [...new Set(quotes.map((q) => q.n))], abstained: false, quotes }
}

/**
 * The lead sentence (the best scored) and up to two more: each must come close to it, add a focus term
 * or be nearly as good (from another passage: a second witness), not repeat a quoted one, not be about
 * another item of a list, and not follow a byline (`bylines`: their passage numbers) from another document.
 */
function chooseQuotes(eligible: Candidate[], bylines: Set<number>, docOf: Map<number, string>): Candidate[] {
  const chosen: Candidate[] = []
  const covered = new Set<number>()
  for (const c of eligible) {
    if (chosen.length >= MAX_SENTENCES) break
    const lead = chosen[0]
    if (lead && (c.score < 0.7 * lead.score || c.coverage < 0.5 * lead.coverage || c.coverage === 0)) break
    if (chosen.some((k) => bigramSimilarity(k.quote, c.quote) > 0.5)) continue
    if (lead && c.otherItem) continue
    if (lead && bylines.has(lead.n) && docOf.get(c.n) !== docOf.get(lead.n)) continue
    const otherPassage = !chosen.some((k) => k.n === c.n)
    if (lead && !c.covers.some((i) => !covered.has(i)) && c.score < (otherPassage ? 0.8 : 0.9) * lead.score) continue
    chosen.push(c)
    for (const i of c.covers) covered.add(i)
  }
  return chosen
}

/**
 * A note entry in an answer is followed by the sentence citing it, which says what the text makes of
 * the source (an English question matches an English note's words better than the Chinese sentence
 * stating the answer; the note leads, as it may itself answer: a date, an author, a place; unless only the
 * sentence gives the kind of answer asked for).
 */
function withCitingSentences(
  quotes: { n: number; quote: string }[],
  byN: Map<number, CitedPassage>,
  citingLeads: (entry: CitedPassage, citing: string) => boolean,
): { n: number; quote: string }[] {
  const out = [...quotes]
  for (const q of quotes) {
    const entry = byN.get(q.n)
    if (entry?.kind !== 'reference' || entry.citedBy === undefined || !entry.citingSentence) continue
    const citing = { n: entry.citedBy, quote: entry.citingSentence }
    if (out.some((o) => o.n === citing.n && (o.quote.includes(citing.quote) || citing.quote.includes(o.quote)))) continue
    out.splice(out.indexOf(q) + (citingLeads(entry, citing.quote) ? 0 : 1), 0, citing)
  }
  return out
}

/** What a related passage says, in short (nothing for one holding only its title or heading). */
function relatedExcerpt(p: CitedPassage, focus: QuestionFocus, distinctive: FocusTerm[]): string {
  const sentence = bestSentence(p.plain, focus, p.section).trim()
  if (sentence === p.title.trim() || sentence === p.section.split(' > ').pop()?.trim()) return ''
  // (from the clause where a distinctive term first appears, when that is past the excerpt's length)
  const lower = sentence.toLowerCase()
  const at = Math.min(
    ...distinctive.flatMap((t) =>
      t.forms
        .filter(isHan)
        .map((f) => lower.indexOf(f))
        .filter((i) => i >= 0),
    ),
    sentence.length,
  )
  const clause =
    at > EXCERPT_CHARACTERS / 2 && at < sentence.length ? Math.max(...[...sentence.slice(0, at).matchAll(/[，,；;：:]/gu)].map((m) => m.index + 1), 0) : 0
  return `: “${clause > 0 ? '…' : ''}${excerpt(sentence.slice(clause))}”`
}

const EXCERPT_CHARACTERS = 60

/** The start of a sentence, cut at a word boundary or a clause when long, for a list of related passages. */
function excerpt(sentence: string, max = EXCERPT_CHARACTERS): string {
  const characters = [...oneLine(sentence)]
  if (characters.length <= max) return characters.join('')
  // (at the last clause or word break in its second half, else at the limit; never inside a character)
  const head = characters.slice(0, max).join('')
  const cut = Math.max(...[...head.matchAll(/[\s,，、；;：:]/gu)].map((m) => m.index), 0)
  return `${cut > head.length / 2 ? head.slice(0, cut) : head}…`
}

/** A quote on one line of the answer (a byline's title, authors and affiliation are lines of their own): a line break would end its list item. */
const oneLine = (quote: string) => quote.replace(/\s*\n\s*/g, ' / ')

// how many of a heading's words an English lead glosses
const HEADING_GIST_WORDS = 5

/** " (natural gas; pipeline)": the first senses of a Chinese heading's words for an English reader, or '' when none has one. */
function gistOf(text: string, context: string, max?: number): string {
  const senses = wordSenses(text, context, max)
  return senses.length ? ` (${senses.join('; ')})` : ''
}

/**
 * An English lead for a Chinese quote: the section it comes from and the question's focus terms it
 * contains, glossed in the sense the question suggests ("From “3.5 技术转移环境亟待改善” (Technology
 * transfer …), on 技术转移 (technology transfer)").
 */
function englishLead(quote: string, passage: CitedPassage, input: ExtractiveInput): string {
  if (passage.section === BYLINE_SECTION) {
    const authors = bylineAuthorsInPinyin(passage.plain)
    return authors.length ? `Written by ${authors.join(', ')}, as the byline says` : 'The byline'
  }
  const context = input.analysis.question
  const terms: string[] = []
  for (const t of input.focus.terms) {
    // (as the sentence scoring reads it: 第 2 is not in 第 22)
    const zh = telling(t).forms.find((f) => isHan(f) && containsTerm(quote.toLowerCase(), f))
    if (!zh || terms.some((x) => x.startsWith(zh))) continue
    // (a word with no English to show, the dictionary's or the asker's, is no help in an English lead: 一版 (一版))
    const gloss = pickGloss(input.senses(zh), context) ?? (isHan(t.text) ? undefined : t.text)
    if (!gloss) continue
    terms.push(`${zh} (${gloss})`)
    if (terms.length >= 3) break
  }
  const heading = passage.section.split(' > ').pop() ?? ''
  const note = isArticleNote(passage) ? 'A note on the article and its authors' : 'A note of the source'
  // (a Chinese heading with the gist of its words: where the quote stands, for a reader of English)
  const where = passage.kind === 'reference' ? note : heading ? `Under “${heading}”${gistOf(heading, context, HEADING_GIST_WORDS)}` : 'The source'
  return terms.length ? `${where}, on ${terms.join(', ')}` : where
}

/**
 * "What challenges does … face", 有哪些建议: the headings of the section's subsections, each cited to
 * the passage it opens (an English asker gets each heading's words glossed).
 */
function outlineAnswer(outline: Outline, passages: CitedPassage[], input: ExtractiveInput): ExtractiveAnswer | undefined {
  const english = input.analysis.lang === 'en'
  const items = outline.items.flatMap((item) => {
    const n = passages.find((p) => p.chunkId === item.passage.chunkId)?.n
    return n ? [{ n, quote: item.heading }] : []
  })
  if (items.length < 2) return undefined
  const lead = english
    ? `“${outline.heading}” in “${outline.titleEn ?? outline.title}” lists ${items.length} points:`
    : `《${outline.title}》“${outline.heading}”一节列出${items.length}点：`
  // (each word's first sense: the reading aid shows the rest)
  const lines = items.map((q) => (english ? `- ${q.quote}${gistOf(q.quote, input.analysis.question)} [${q.n}]` : `- ${q.quote}[${q.n}]`))
  return { text: [lead, ...lines].join('\n'), cited: items.map((q) => q.n), abstained: false, quotes: items }
}

/** "Which source is cited for X": the reference entry, and the passage carrying its marker. */
function citationAnswer(reference: Candidate, passages: CitedPassage[], focus: QuestionFocus, english: boolean): ExtractiveAnswer {
  const refPassage = passages.find((p) => p.n === reference.n)!
  const citing = passages.find((p) => p.n === refPassage.citedBy)
  const quotes = [{ n: reference.n, quote: reference.quote }]
  const lines = english
    ? ['The article cites this source:', '', `> ${oneLine(reference.quote)} [${reference.n}]`]
    : ['文中引用的文献：', '', `> ${oneLine(reference.quote)}[${reference.n}]`]
  // "Ibid." names no source: say which one it repeats
  if (refPassage.repeats)
    lines.push(
      '',
      english
        ? `“${refPassage.plain}” means the source of the note before it: ${oneLine(refPassage.repeats)}`
        : `“${refPassage.plain}”即前一条注释所引文献：${oneLine(refPassage.repeats)}`,
    )
  if (citing) {
    const sentence = refPassage.citingSentence || bestSentence(citing.plain, focus)
    quotes.push({ n: citing.n, quote: sentence })
    lines.push('', english ? `It is cited in: “${sentence}” [${citing.n}]` : `引用处：${sentence}[${citing.n}]`)
  }
  return { text: lines.join('\n'), cited: quotes.map((q) => q.n), abstained: false, quotes }
}

/** The sentence of a text that carries most of the focus (not its section's heading, which the reader is shown already). */
function bestSentence(text: string, focus: QuestionFocus, section = ''): string {
  const heading = section.split(' > ').pop()?.trim()
  const all = splitSentences(text).map((s) => text.slice(s.start, s.end).trim())
  const spans = all.length > 1 && heading ? all.filter((s) => s !== heading) : all
  return spans.sort((a, b) => focusCoverage(focus, b).coverage - focusCoverage(focus, a).coverage)[0] ?? text
}

// what the documents do not give, about what (the question's main focus terms)
const WHAT_IS_MISSING = {
  en: { number: 'no figure', money: 'no amount', date: 'no date', person: 'no name of a person', place: 'no place' },
  zh: { number: '数字', money: '金额', date: '时间', person: '人名', place: '地点' },
}

/** Whether every one of these (lower-cased) texts supports the term: the library's topic (中俄), not what a passage is about. */
const inEvery = (texts: string[], t: FocusTerm) => texts.every((text) => supportsTerm(text, t))

/**
 * "The documents give no figure for the joint fund (联合基金).": the kind of answer asked for, and about
 * what: the question's weightiest terms, but not one every passage has (中俄, the library's topic).
 */
function typeUnmetSentence(input: ExtractiveInput, english: boolean): string {
  const { focus, passages } = input
  // ("which university": no name of a university, 大学名称; the word for the kind is no topic)
  const institution = focus.wants === 'institution' ? INSTITUTIONS[focus.unit ?? ''] : undefined
  const missingKind = institution
    ? english
      ? `no name of ${focus.unit === 'institute' ? 'an' : 'a'} ${focus.unit}`
      : `${institution.suffix.split('|')[0]}名称`
    : WHAT_IS_MISSING[english ? 'en' : 'zh'][focus.wants as keyof (typeof WHAT_IS_MISSING)['en']]
  const texts = passages.map((p) => p.plain.toLowerCase())
  // (what the passages do speak of, as they write it: a term only some of them have)
  // (a word, not a character every text has: "chaired (子)")
  const written = (t: FocusTerm) =>
    t.forms.filter((f) => isHan(f) && f.length >= 2 && texts.some((text) => containsTerm(text, f))).sort((a, b) => b.length - a.length)[0]
  const distinctive = (t: FocusTerm) => !!written(t) && !(texts.length >= 3 && inEvery(texts, t))
  const topic = focus.terms
    .filter((t) => t.kind !== 'number' && !t.event && !t.namesDocument && distinctive(t) && !namesAskedKind(focus, t, true))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 2)
    .sort((a, b) => focus.terms.indexOf(a) - focus.terms.indexOf(b))
    .map((t) => (english && !isHan(t.text) ? `${t.text} (${written(t)})` : t.text))
  if (english) return `The documents give ${missingKind} for ${topic.length ? topic.join(' and ') : 'this'}.`
  return `文献中没有给出${topic.length ? `${topic.join('、')}的` : '相关的'}${missingKind}。`
}

/** Why "who wrote" has no answer: the document named has no byline, or no document's title is about what the question names. */
function unbylinedSentence({ title, topic }: Unbylined, english: boolean): string {
  if (title) return english ? `“${title}” carries no byline: the documents do not say who wrote it.` : `《${title}》没有署名，文献中没有说明作者是谁。`
  const names = topic.map((t) => (english && t.chinese && !isHan(t.text) ? `${t.text} (${t.chinese})` : t.text))
  if (!names.length) return english ? 'No document here is the one the question names.' : '文献中没有问题所说的文章。'
  return english ? `None of the documents is an article about ${names.join(' and ')}.` : `文献中没有关于${names.join('、')}的文章。`
}

/** Says plainly, in the asker's language, what the documents do not mention, then lists related passages. */
function decline(input: ExtractiveInput, english: boolean): ExtractiveAnswer {
  const { evidence, focus } = input
  // a byline that did not answer "who wrote" is another document's, and a note entry (a bare source)
  // tells a reader nothing unless the question asks for sources: neither is offered as related
  // (one text passage per section: neighbouring passages of one section would repeat its title and heading;
  // each note entry is a source of its own)
  const offered = input.passages.filter((p) => p.section !== BYLINE_SECTION && (input.citationQuestion || p.kind !== 'reference'))
  const sameSection = (p: CitedPassage, q: CitedPassage) => p.kind === 'passage' && q.kind === 'passage' && q.docId === p.docId && q.section === p.section
  const related = offered.filter((p, i) => offered.findIndex((q) => sameSection(p, q)) === i || p.kind !== 'passage').slice(0, 3)
  const sentences: string[] = []
  if (evidence.unbylined) sentences.push(unbylinedSentence(evidence.unbylined, english))
  if (evidence.missing.length) {
    const named = (t: FocusTerm) => (english ? (t.chinese && !isHan(t.text) ? `${t.text} (${t.chinese})` : t.text) : t.text)
    const listed = (terms: FocusTerm[]) => terms.map(named).join(english ? ' or ' : '或')
    // (a name the library has elsewhere is missing from the passages on the question, not from the documents)
    const elsewhere = evidence.missing.filter((t) => input.mentions && t.forms.filter(isHan).some(input.mentions))
    const unmentioned = evidence.missing.filter((t) => !elsewhere.includes(t))
    if (unmentioned.length) sentences.push(english ? `The documents do not mention ${listed(unmentioned)}.` : `文献中没有提到${listed(unmentioned)}。`)
    if (elsewhere.length)
      sentences.push(english ? `The passages on this question do not mention ${listed(elsewhere)}.` : `与问题相关的段落中没有提到${listed(elsewhere)}。`)
  }
  // (what a missing term lacks goes without saying: "no amount for Kazakhstan" after "Kazakhstan is not mentioned")
  if (evidence.typeUnmet && focus.wants !== 'other' && !evidence.unbylined && !evidence.missing.length) sentences.push(typeUnmetSentence(input, english))
  if (!sentences.length) sentences.push(english ? 'The indexed documents do not seem to answer this question.' : '所检索的文献似乎没有回答这个问题。')
  const lead = sentences.join(english ? ' ' : '')
  // (a term every passage has, 中俄, tells nothing about where a passage speaks to the question)
  const distinctive = focus.terms.filter(
    (t) =>
      !inEvery(
        related.map((p) => p.plain.toLowerCase()),
        t,
      ),
  )
  const lines = related.map((p) => `- ${p.title}${p.section ? ` — ${p.section}` : ''}${relatedExcerpt(p, focus, distinctive)} [${p.n}]`)
  const text = related.length ? [lead, '', english ? 'Possibly related:' : '可能相关的段落：', ...lines].join('\n') : lead
  return { text, cited: related.map((p) => p.n), abstained: true, quotes: [] }
}
