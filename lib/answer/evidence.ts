import { splitSentences } from '../chunk/sentences'
import type { FocusTerm, QuestionFocus } from '../retrieve/analyze'
import { DURATION_UNIT, INSTITUTIONS, supportsTerm } from '../retrieve/analyze'
import { getJieba } from '../text/segment'

/** Whether the retrieved passages can answer the question, and if not, what they lack. */
export interface Evidence {
  /** weighted share of the question's focus that the best passage supports, 0..1 */
  score: number
  /** names, numbers and years that no retrieved passage mentions */
  missing: FocusTerm[]
  /** the question asks for a number, an amount, a date, a person or a place, and no passage about its focus gives one */
  typeUnmet: boolean
  /** a "who wrote" question no byline answers: no document's title is about `topic`, or the one that is (`title`) has no byline */
  unbylined?: Unbylined
}

export interface Unbylined {
  title?: string
  topic: FocusTerm[]
}

/** Evidence score below which the answer declines; chosen from the curve `npm run eval` prints. */
export const EVIDENCE_THRESHOLD = 0.35

export function declines(e: Evidence, threshold = EVIDENCE_THRESHOLD): boolean {
  return e.missing.length > 0 || e.typeUnmet || !!e.unbylined || e.score < threshold
}

// a numeral; a lone 一 (一项研究 "a study") is an article, not a count
const NUMERAL = '(?:\\d[\\d,.]*|(?!一[^零一二两三四五六七八九十百千万亿])[零一二两三四五六七八九十百千万亿逾数]+)'
// the low end of a range before a number (10~15 年): read with it
const RANGE_START = '(?:\\d{1,3}\\s*[~～—–-]\\s*)?'
const DATE =
  /\d{4}\s*年|\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|\b(1[89]|20)\d{2}\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/
const MONEY = new RegExp(`${NUMERAL}\\s*(亿|万)?\\s*(元|美元|卢布|欧元|人民币)|[$€¥]\\s*\\d|\\d\\s*(million|billion)`, 'i')

/** A number of the kind asked for, in the unit asked for when the question names one. */
function quantityPattern(unit?: string): RegExp {
  if (unit === '%') return /\d\s*[%％]|百分之/
  // a span of time (75 周年, 10~15 年, 三个月, 2019—2024), not a date (2030 年前, 2023年3月22日: its month and day)
  if (unit === DURATION_UNIT)
    return new RegExp(
      `(?<![\\d.年月])(?!(?:1[89]|20)\\d\\d\\s*年)${RANGE_START}${NUMERAL}[ \\t]*(?:多|余)?[ \\t]*(?:周年|年|个月|个星期|周|天|日|小时)|\\d{4}\\s*[—–~-]\\s*\\d{4}`,
    )
  if (unit) return new RegExp(`${NUMERAL}[ \\t]*(?:多|余)?[ \\t]*${unit}`)
  // a count: a numeral with a measure word or a percentage (a bare year is not a count), or with 大
  // before a noun, which counts its kinds (七大转变 "seven major shifts", 三大领域)
  // (not across an ideographic space: "3.6　人才政策" is a section number)
  return new RegExp(
    `${NUMERAL}[ \\t]*(?:多|余)?[ \\t]*(?:[%％项个名位家种次所座件篇份人倍条批]|亿|万|周年)|(?<![第\\d])(?:\\d{1,2}|[二两三四五六七八九十]+)大\\p{Script=Han}`,
    'u',
  )
}

/** The numbers, amounts or dates of the kind asked for a sentence gives ("75周年", "2019 年 2 月"); for other kinds, the whole sentence. */
function typeMatches(focus: QuestionFocus, sentence: string): string[] {
  const pattern = focus.wants === 'money' ? MONEY : focus.wants === 'number' ? quantityPattern(focus.unit) : focus.wants === 'date' ? DATE : undefined
  if (!pattern) return [sentence]
  return [...sentence.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].map((m) => m[0].trim())
}

// a word the corpus never has counts as missing when it is this specific (rarer words weigh up to 2)
const ABSENT_WEIGHT = 1.2
// share of the focus (by weight) a sentence about it must carry for its number, date or name to count
const ABOUT = 0.5

/** Names of people (or places) in a sentence that the question does not itself name. */
function namesIn(sentence: string, tags: Set<string>, focus: QuestionFocus, isAnswerName: (word: string) => boolean): string[] {
  return getJieba()
    .tag(sentence, true)
    .filter(({ word, tag }) => tags.has(tag) && word.length >= 2 && isAnswerName(word) && !focus.terms.some((t) => t.forms.includes(word.toLowerCase())))
    .map((w) => w.word)
}

// an English place is read where English names one: "the 2024 NATO Summit in Washington"
const ENGLISH_LOCATIVE = /\b(?:in|at)\s+([a-z]+(?:\s+[a-z]+)?)/gi

/** The Chinese names of the places an English sentence says something is in or at. */
function englishPlacesIn(sentence: string, placeName: (english: string) => string | undefined): string[] {
  return [...sentence.matchAll(ENGLISH_LOCATIVE)].flatMap((m) => {
    const [first, second] = m[1].toLowerCase().split(/\s+/)
    const place = (second && placeName(`${first} ${second}`)) || placeName(first)
    return place ? [place] : []
  })
}

// a Chinese name is written before the title it is addressed by ("李明老师", "王海教授"); a name has no particle or conjunction in it
const TITLED_NAME = /(\p{Script=Han}{2,3})(?:老师|教授|院士|先生|女士)/gu
const NOT_IN_NAMES = /[的之和与及、在是为对向各诸位们]/

/** Names a sentence gives with a title of address, whether or not the tagger knows them. */
function titledNamesIn(sentence: string, focus: QuestionFocus): string[] {
  return [...sentence.matchAll(TITLED_NAME)].map((m) => m[1]).filter((name) => !NOT_IN_NAMES.test(name) && !focus.terms.some((t) => t.forms.includes(name)))
}

/** What a sentence gives of the kind of answer asked for: the names, places, institutions, numbers or dates (none: it gives no answer). */
export function answersIn(
  focus: QuestionFocus,
  sentence: string,
  properName: (word: string) => boolean,
  placeName: (english: string) => string | undefined = () => undefined,
): string[] {
  // (a word the dictionary knows as a common word is no name: 经济学教授 is a professor of economics)
  if (focus.wants === 'person')
    return [...new Set([...titledNamesIn(sentence, focus).filter(properName), ...namesIn(sentence, PERSON_TAGS, focus, properName)])]
  if (focus.wants === 'institution') return institutionsIn(sentence, focus)
  if (focus.wants === 'place') {
    const english = englishPlacesIn(sentence, placeName).filter((zh) => properName(zh) && !focus.terms.some((t) => t.forms.includes(zh)))
    return [...new Set([...english, ...namesIn(sentence, PLACE_TAGS, focus, properName)])]
  }
  return typeMatches(focus, sentence)
}

/** Whether a sentence gives the kind of answer asked for (see `answersIn`). */
export function answersType(
  focus: QuestionFocus,
  sentence: string,
  properName: (word: string) => boolean,
  placeName: (english: string) => string | undefined = () => undefined,
): boolean {
  return answersIn(focus, sentence, properName, placeName).length > 0
}
const PERSON_TAGS = new Set(['nr', 'nrfg', 'nrt'])

/** Whether a term is the word for the kind of institution asked for ("university" in "which university"): the name answers, not the word. */
export function namesAskedKind(focus: QuestionFocus, t: FocusTerm, orAKindOfIt = false): boolean {
  const kind = focus.wants === 'institution' ? INSTITUTIONS[focus.unit ?? ''] : undefined
  // (or, asked for, a kind of it the question names: 联合实验室 "joint laboratories"; never a name, 清华大学)
  const word = new RegExp(`${orAKindOfIt ? '' : '^'}(?:${kind?.suffix}|高校)$`)
  return !!kind && t.kind !== 'name' && t.forms.some((f) => word.test(f))
}

/** A name without the verb, preposition or adverb the match began with (感谢清华大学……: 清华大学……). */
function withoutLeadingVerb(name: string): string {
  const words = getJieba().tag(name, true)
  const first = words.findIndex((w) => !/^[vpcdur]/.test(w.tag))
  return first > 0
    ? words
        .slice(first)
        .map((w) => w.word)
        .join('')
    : name
}

// words before an institution's kind that make it a kind of one, not a name: demonstratives, quantifiers, rankings, parties
const GENERAL_QUALIFIER =
  /^(?:这|那|其他|其它|其|各|多|诸|某|每|一些|本|该|上述|相关|有关|部分|若干|少数|许多|不少|国内|国外|海外|世界|全球|一流|高水平|知名|重点|顶尖|著名|优秀)|(?:两国|国家|各国|双方|一流|高水平|知名|重点|顶尖|著名|优秀)$/

/** Names of institutions of the kind asked for in a sentence (乌拉尔联邦大学 for "which university"), not the question's own. */
function institutionsIn(sentence: string, focus: QuestionFocus): string[] {
  const kind = INSTITUTIONS[focus.unit ?? '']
  if (!kind) return []
  // the words for the kind the question uses (联合实验室, 大学): what comes before them names one
  const endsWithKind = new RegExp(`(?:${kind.suffix})$`)
  const kindWords = [
    ...focus.terms.filter((t) => namesAskedKind(focus, t) || t.forms.some((f) => endsWithKind.test(f))).flatMap((t) => t.forms),
    ...kind.suffix.split('|'),
  ]
  const qualifier = (name: string) => {
    const word = kindWords.filter((w) => name.endsWith(w)).sort((a, b) => b.length - a.length)[0] ?? ''
    return name.slice(0, name.length - word.length)
  }
  // (a name is the words before the kind's word back to a particle or a conjunction: not 院所和大学 "institutes and
  // universities"; nor a verb's object: 建立联合实验室 "set up joint laboratories" names none)
  // (nor a kind of one: 这所大学, 其他大学, 世界一流大学, 中俄两国大学, 俄罗斯大学 when the question asks for a Russian one)
  const named = (name: string) => {
    const before = qualifier(name)
    const general = GENERAL_QUALIFIER.test(before) || focus.terms.some((t) => t.forms.includes(before))
    return before.length >= 2 && !general && !getJieba().tag(before, true).at(-1)?.tag.startsWith('v')
  }
  return [...sentence.matchAll(new RegExp(`\\p{Script=Han}{1,10}?(?:${kind.suffix})`, 'gu'))]
    .map((m) => withoutLeadingVerb(m[0].split(NOT_IN_NAMES).pop() ?? ''))
    .filter((name) => named(name) && !focus.terms.some((t) => t.forms.includes(name)))
}

// a Chinese note entry opens with its author: "杨丹旭:《题名》,载《报刊》…" (after the note's marker)
const ENTRY_AUTHOR = /^[\s\p{No}\d.、）)]*[\p{Script=Han}·]{2,5}(?:[、，,][\p{Script=Han}·]{2,5})*\s*[:：]\s*《/u

/** Whether a note entry gives the kind of answer asked for: its author answers "who" even when the tagger knows no such name. */
export function entryAnswers(
  focus: QuestionFocus,
  entry: string,
  properName: (word: string) => boolean,
  placeName: (english: string) => string | undefined = () => undefined,
): boolean {
  return (focus.wants === 'person' && ENTRY_AUTHOR.test(entry)) || answersType(focus, entry, properName, placeName)
}
const PLACE_TAGS = new Set(['ns'])

// clause boundaries inside a sentence (not the enumeration comma 、, which joins items of one list)
const CLAUSE_END = /[，,；;：:（）()]/

/**
 * The stretches of a sentence that a number, date or name given in it speaks about: the clause that
 * gives it with its neighbours ("甲国（通过……计划 XYZ 实现经济增长" does not date a plan that a
 * date two clauses away belongs to), or the whole sentence when it opens with it ("2020 年，……").
 */
export function answerScopes(sentence: string, gives: (clause: string) => boolean): string[] {
  const parts = sentence.split(CLAUSE_END_KEPT)
  const clauses = parts.filter((_, i) => i % 2 === 0)
  const heads = parentheticalHeads(parts)
  const scopes: string[] = []
  let lead = true
  clauses.forEach((clause, i) => {
    const near = clauses.slice(Math.max(0, i - 1), i + 2)
    // a clause in brackets describes what stands before them (甲国（……提出到 2040 年……）)
    const head = heads[i] >= 0 && heads[i] < i - 1 ? [clauses[heads[i]]] : []
    if (gives(clause)) scopes.push(lead && clause.trim().length <= 12 ? sentence : [...head, ...near].join('，'))
    // connectives before it (另外，此外，) keep a sentence-opening date opening it
    if (clause.trim().length > 4) lead = false
  })
  return scopes
}

const CLAUSE_END_KEPT = new RegExp(`(${CLAUSE_END.source})`)

/** For each clause of a sentence split with its delimiters kept: the clause before the bracket it stands in, or -1. */
function parentheticalHeads(parts: string[]): number[] {
  const heads: number[] = []
  const open: number[] = []
  for (let i = 0; i < parts.length; i += 2) {
    heads.push(open.length ? open[open.length - 1] : -1)
    const delimiter = parts[i + 1]
    if (delimiter === '（' || delimiter === '(') open.push(i / 2)
    else if ((delimiter === '）' || delimiter === ')') && open.length) open.pop()
  }
  return heads
}

/** Whether a text is written in English more than in Chinese (an English note entry with a Chinese access date). */
export function isEnglish(text: string): boolean {
  return (text.match(/[A-Za-z]/g)?.length ?? 0) > 2 * (text.match(/\p{Script=Han}/gu)?.length ?? 0)
}

/** A passage as the evidence check reads it: a note entry or a byline is one statement (`entry`); `context` says what it is about. */
export interface EvidencePassage {
  text: string
  entry?: boolean
  /** a document's byline: it names the document's authors, whether or not the tagger knows their names */
  byline?: boolean
  /** for a note entry, the sentence carrying its marker: what the entry is cited for */
  context?: string
  /** names the passage stands for though it does not write them: the authors of its document that the question names */
  authors?: string[]
  /** the article a note on it (its thanks, its funding) is about though it does not name it: the article's title
   * (what a name or date it gives is about; not support for the question's terms, which the note itself has to give) */
  article?: string
}

/** All a passage vouches for, lower-cased: its text, a note entry's citing sentence, the authors it stands for. */
export function evidenceReading(p: EvidencePassage): string {
  return [p.text, p.context ?? '', ...(p.authors ?? [])].join('\n').toLowerCase()
}

/**
 * Checks the passages against the question's focus: every name, number and year must occur in one
 * of them, and a specific word the corpus never uses is missing too; the evidence score mixes the
 * best passage's weighted coverage of the focus with its best two-sentence window's, so the focus
 * has to come together in one place; and a question asking for a number, an amount, a date, a
 * person or a place needs a sentence about its focus that gives one, in the clauses about the focus
 * and naming the event asked about (`entry`: a note entry or a byline, whose fields all describe one work).
 */
export function assessEvidence(
  focus: QuestionFocus,
  passages: EvidencePassage[],
  nameGloss: (word: string) => string | undefined = () => '',
  /** the Chinese name of the place an English word names */
  placeName: (english: string) => string | undefined = () => undefined,
): Evidence {
  const lower = passages.map(evidenceReading)
  const missing = focus.terms.filter((t) => (t.kind !== 'term' || (t.absent && t.weight >= ABSENT_WEIGHT)) && !lower.some((text) => supportsTerm(text, t)))
  // a term most retrieved passages share (中俄 in a corpus about China and Russia) tells little about which one answers
  const spread = new Map(focus.terms.map((t) => [t, lower.filter((text) => supportsTerm(text, t)).length]))
  const weight = (t: FocusTerm) => t.weight * Math.log(1 + lower.length / (1 + (spread.get(t) ?? 0)))
  const total = focus.terms.reduce((s, t) => s + weight(t), 0)
  const coverage = (text: string) => (total ? focus.terms.filter((t) => supportsTerm(text, t)).reduce((s, t) => s + weight(t), 0) / total : 0)
  const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end))
  const sentences = lower.map(sentencesOf)
  const windows = sentences.map((ss) => ss.map((s, i) => (i ? `${ss[i - 1]}${s}` : s)))
  // the question's names belong together: a passage or a two-sentence window lacking one of them counts half
  // (Japan and nuclear energy in different passages, or far apart in one, do not answer how Japan cooperates on it)
  const names = focus.terms.filter((t) => t.kind === 'name')
  const together = (text: string) => (names.every((t) => supportsTerm(text, t)) ? 1 : 0.5)
  const score = lower.length
    ? Math.max(...lower.map((text, i) => together(text) * (0.5 * coverage(text) + 0.5 * Math.max(0, ...windows[i].map((w) => together(w) * coverage(w))))))
    : 0
  let typeUnmet = false
  if (focus.wants !== 'other') {
    // about the focus as far as the passages know it: an English word no passage renders does not count
    // against a sentence (its translation may just differ), nor does a common Chinese word the corpus never
    // uses (the asker's word for what the text says otherwise: 商量 for 商定), but another Chinese word of
    // the question does (成立 in "when was it founded" must be there for a date to answer it)
    // (an author naming the article is where, not what: the sentence giving the answer need not name them)
    const asked = (t: FocusTerm) => /\p{Script=Han}/u.test(t.text) && !(t.absent && t.weight < ABSENT_WEIGHT)
    const known = focus.terms.filter((t) => t.kind !== 'number' && !t.namesDocument && !namesAskedKind(focus, t) && ((spread.get(t) ?? 0) > 0 || asked(t)))
    // a term every passage has (中俄) is the topic: alone it does not make a clause about the question
    // (among a few passages, sharing tells nothing)
    const telling = lower.length >= 3 ? known.filter((t) => (spread.get(t) ?? 0) < lower.length) : known
    const content = telling.length ? telling : known
    // and the event asked about is named there: "when will it be completed (建成)" is not answered by the year it is built (建设)
    // (an English verb no passage renders may be translated otherwise: "start operating" is 投产)
    // (how long something takes is the span the text gives for it, whatever verb it ends with: 10~15 年间实现 for 多少年完成)
    const events = focus.unit === DURATION_UNIT ? [] : focus.terms.filter((t) => t.event)
    const share = (sentence: string, terms: FocusTerm[]) => {
      const total = terms.reduce((s, t) => s + weight(t), 0)
      return !total || terms.filter((t) => supportsTerm(sentence, t)).reduce((s, t) => s + weight(t), 0) / total >= ABOUT
    }
    const about = (sentence: string) => events.every((t) => supportsTerm(sentence, { ...t, forms: t.eventForms ?? t.forms })) && share(sentence, content)
    // (an entry's date is when its work was issued, signed or published: no event verb needed there)
    const entryAbout = (sentence: string) =>
      share(
        sentence,
        content.filter((t) => !t.event),
      )
    // a name most passages share (中国, 俄罗斯) is the topic, not an answer to "who" or "where"
    // and "in which city" wants a city, not a country
    const isAnswerName = (word: string) => {
      const gloss = nameGloss(word)
      if (gloss === undefined || (focus.unit === 'city' && !/city|capital|municipality|town|prefecture/i.test(gloss))) return false
      return lower.filter((text) => text.includes(word)).length <= lower.length / 2
    }
    // the answer has to stand in the sentence that is about the focus: a date or a name in the sentence
    // before belongs to another statement ("2020 年，疫情发生以来……。……联合研究中心……")
    // (a note entry or a byline describes one work in all its fields: its clauses are one scope)
    const gives = (clause: string) => answersType(focus, clause, isAnswerName, placeName)
    // (an entry's fields all describe one work; the sentence citing it is text like any other)
    const fromEntry = (p: EvidencePassage) => (p.entry ? sentencesOf(p.text.toLowerCase()) : [])
    const fromText = (p: EvidencePassage) => sentencesOf((p.entry ? (p.context ?? '') : p.text).toLowerCase())
    // an English entry is about what its citing sentence says for a question in Chinese (its words are
    // not the question's), and a place in its title is where that happened ("… Summit in Washington")
    const aboutByContext = (p: EvidencePassage) => focus.wants === 'place' && !!p.context && isEnglish(p.text) && entryAbout(p.context.toLowerCase())
    // (a note on the article is about that article: "whom do the authors of the outlook thank")
    const entryGives = (p: EvidencePassage, s: string) =>
      (entryAbout(p.article ? `${s}\n${p.article.toLowerCase()}` : s) || aboutByContext(p)) &&
      ((p.byline && focus.wants === 'person') || entryAnswers(focus, s, isAnswerName, placeName))
    typeUnmet = !passages.some((p) => fromEntry(p).some((s) => entryGives(p, s)) || fromText(p).some((s) => answerScopes(s, gives).some(about)))
  }
  return { score, missing, typeUnmet }
}
