import type { ModelMessage } from 'ai'
import { quoteSpan } from '../chunk/chunk'
import { type FocusTerm, pointsBack, type QueryAnalysis, type QuestionFocus, questionFocus, supportsTerm, telling, weightSupported } from '../retrieve/analyze'
import { type RetrievalSource, type RetrieverLike, toSource } from '../retrieve/source'
import { escapeRegExp } from '../text/regex'
import { isHan } from '../text/segment'
import type { Answer, Lang, Passage } from '../types'
import {
  asksForByline,
  asksForCitedTitle,
  asksWhatAuthorIs,
  authorsNamed,
  BYLINE_SECTION,
  bylinePassage,
  documentByTitle,
  frontMatterTerms,
  isArticleNote,
  isBylineQuestion,
  namesArticleByTopic,
  withAuthorNames,
  withoutPositionWords,
} from './byline'
import { checkSentence, SentenceBuffer } from './citations'
import { eventSynonyms, withEventForms } from './events'
import { assessEvidence, declines, type Evidence, type EvidencePassage, evidenceReading, type Unbylined } from './evidence'
import { extractiveAnswer } from './extractive'
import { completeText, type LlmSettings, streamCompletion } from './llm'
import { findOutline, namesListKind, type Outline } from './outline'
import { type CitedPassage, numberPassages } from './passages'
import { withPinyinNames } from './pinyin-names'
import { answerSystemPrompt, answerUserPrompt, rewriteSystemPrompt } from './prompt'
import { MAX_QUESTION_CHARS } from './ui'

/** One earlier turn of the conversation. */
export interface ChatTurn {
  role: 'user' | 'assistant'
  text: string
}

export type AnswerEvent =
  | { type: 'passages'; passages: CitedPassage[]; question: string; standalone: string; lang: Lang; mode: Answer['mode'] }
  | { type: 'text'; delta: string }
  | { type: 'notice'; message: string }
  | { type: 'done'; answer: Answer; passages: CitedPassage[]; evidence: Evidence }

export interface AnswerOptions {
  /** a Retriever, or any other source that gives what the answerer needs */
  retriever: RetrieverLike
  llm?: LlmSettings
  /** passages given to the answerer */
  k?: number
}

// passages retrieved beyond the k the answer rests on: the offline answerer may quote one of them
// when it carries clearly more of the question's focus than any of the k (the evidence check reads only the k)
const RESERVE = 4

type Retrieval = Awaited<ReturnType<RetrievalSource['search']>>

/** The question as retrieval saw it, what it found, and whether it supports an answer. */
interface Grounding {
  standalone: string
  search: Retrieval
  /** retrieved passages after the first k */
  reserve: Passage[]
  focus: QuestionFocus
  evidence: Evidence
  /** the question names an author of a document of the library */
  namesAuthor: boolean
  /** a list question's section: its subsections' passages are in the reserve */
  outline?: Outline
}

function ground(source: RetrievalSource, standalone: string, found: Retrieval, k: number, own?: QuestionFocus): Grounding {
  const named = authorsNamed(found.analysis.normalized, source.authorList())
  const merged = withEventForms(
    withAuthorNames(focusOf(source, found.analysis), named),
    (verb) => eventSynonyms(verb, source.senses(verb), (w) => source.chineseFor(w)),
    (word) => source.senses(word),
    (english) => source.glossaryFor(english.split(' ')),
  )
  // a follow-up borrows the earlier question's subject but keeps its own kind of answer
  // (and a name written in pinyin counts where the passages write it in characters)
  const spelled = withPinyinNames(
    merged,
    found.analysis.question,
    found.results.slice(0, k).map((p) => p.text),
  )
  const asked = withoutPositionWords(spelled, found.analysis.normalized, named.length > 0)
  const focus = own ? { ...asked, wants: own.wants, unit: own.unit } : asked
  // (the document a "who wrote" question means is looked for among the reserve's documents too)
  const { docIds, unbylined } = chooseBylines(source, found.analysis.normalized, focus, named, found.results)
  const search = withBylines(source, { ...found, results: found.results.slice(0, k) }, docIds, asksForByline(found.analysis.normalized, named.length > 0))
  // "the Zheng article" is about the passages of Zheng's document, which do not repeat its author's name
  const authorsOf = (docId: string) => named.filter((n) => n.docId === docId).flatMap((n) => [n.author, n.asked])
  const asEvidence = (p: Passage) => ({ ...evidenceText(source, p), authors: authorsOf(p.docId) })
  const assess = (results: Passage[]) =>
    assessEvidence(
      focus,
      results.map(asEvidence),
      (w) => source.nameGloss(w),
      (english) => source.placeName(english),
    )
  const first = { search, reserve: found.results.slice(k), evidence: assess(search.results) }
  const { evidence, ...chosen } = withMissingFromReserve(first, focus, assess, (p) => evidenceReading(asEvidence(p)))
  const listed = withOutline(source, found.analysis, named.length > 0, focus, { ...chosen, evidence })
  return {
    standalone,
    ...listed,
    focus,
    evidence: unbylined ? { ...listed.evidence, unbylined } : listed.evidence,
    namesAuthor: named.length > 0,
  }
}

/**
 * For a list question, the section that lists what it asks for (`findOutline`): its subsections'
 * passages join the reserve, and it is evidence as strong as its heading's share of the question, which
 * need not use the question's word for the kind (几点思考 for 对策建议). A question for sources or authors
 * is no list question ("which sources does Zheng cite on the risks").
 */
function withOutline(
  source: RetrievalSource,
  analysis: QueryAnalysis,
  namesAuthor: boolean,
  focus: QuestionFocus,
  grounded: { search: Retrieval; reserve: Passage[]; evidence: Evidence },
): { search: Retrieval; reserve: Passage[]; evidence: Evidence; outline?: Outline } {
  const listable = !asksForSources(analysis, namesAuthor) && !isBylineQuestion(analysis.normalized)
  const outline = listable ? findOutline(analysis.normalized, focus, grounded.search.results, source) : undefined
  if (!outline) return grounded
  const { evidence } = grounded
  return {
    search: grounded.search,
    reserve: withOutlinePassages(grounded.reserve, grounded.search.results, outline),
    evidence: { ...evidence, score: Math.max(evidence.score, outline.support), missing: evidence.missing.filter((t) => !namesListKind(t.text)) },
    outline,
  }
}

/** Whether a question asks which source the text cites, or for the title of a work it cites. */
function asksForSources(analysis: QueryAnalysis, namesAuthor: boolean): boolean {
  return analysis.citationIntent || asksForCitedTitle(analysis.normalized, namesAuthor)
}

/** The reserve with the passages an outline's items open that were not retrieved (numbered after it, shown when cited). */
function withOutlinePassages(reserve: Passage[], results: Passage[], outline: Outline): Passage[] {
  const have = new Set([...results, ...reserve].map((p) => p.chunkId))
  const added = outline.items.map((item) => item.passage).filter((p) => !have.has(p.chunkId) && have.add(p.chunkId))
  return [...reserve, ...added.map((p, i) => ({ ...p, rank: results.length + reserve.length + i + 1 }))]
}

/**
 * A name or number the first k passages lack may stand in a passage ranked just below them (a rare
 * name outranked by passages sharing the question's common words): the first reserve passage that
 * has one takes the last place of the k, when that leaves less of the focus missing.
 */
export function withMissingFromReserve<T extends { search: Retrieval; reserve: Passage[]; evidence: Evidence }>(
  first: T,
  focus: QuestionFocus,
  assess: (results: Passage[]) => Evidence,
  /** a passage as the evidence check reads it (a note entry with its citing sentence) */
  lower: (p: Passage) => string,
): T {
  const { missing } = first.evidence
  const results = first.search.results
  // it has to carry all of the focus any retrieved passage carries: a passage naming the missing name
  // beside some other, without what the question asks about, does not answer it
  const found = focus.terms.filter((t) => [...results, ...first.reserve].some((p) => supportsTerm(lower(p), t)))
  const has = (p: Passage) => missing.some((t) => supportsTerm(lower(p), t)) && found.every((t) => supportsTerm(lower(p), t))
  // (a byline joined to the passages keeps its place)
  const last = results.findLastIndex((p) => p.section !== BYLINE_SECTION)
  const rescued = missing.length && last >= 0 ? first.reserve.find(has) : undefined
  if (!rescued) return first
  const swapped = results.map((p, i) => (i === last ? { ...rescued, rank: p.rank } : p))
  const evidence = assess(swapped)
  if (evidence.missing.length >= missing.length) return first
  const reserve = [results[last], ...first.reserve.filter((p) => p !== rescued)]
  return { ...first, search: { ...first.search, results: swapped }, reserve, evidence }
}

/** A passage as the evidence check reads it. */
function evidenceText(source: RetrievalSource, p: Passage): EvidencePassage {
  // a byline's lines (title, authors, affiliation) make one statement: who wrote what, where
  // (with the document's English title, which says what it is about to an English question)
  if (p.section === BYLINE_SECTION) {
    const titleEn = source.document(p.docId)?.meta.titleEn
    return { text: `${p.text}${titleEn ? `\n${titleEn}` : ''}`.replace(/\s*\n\s*/g, ' '), entry: true, byline: true }
  }
  if (p.kind !== 'reference') return { text: p.text }
  if (isArticleNote(p)) {
    const meta = source.document(p.docId)?.meta
    return { text: p.text, entry: true, article: [meta?.title, meta?.titleEn].filter(Boolean).join('\n') }
  }
  // a note entry is cited for what the sentence carrying its marker says (an English entry for a Chinese claim)
  const citing = source.citingPassage(p.chunkId)?.sentence
  return { text: p.text, entry: true, ...(citing ? { context: citing } : {}) }
}

/** Which documents' bylines join the passages, and why a "who wrote" question gets none. */
interface BylineChoice {
  docIds: string[]
  unbylined?: Unbylined
}

/**
 * The document whose byline answers "who wrote …": of the retrieved documents, the one whose title
 * carries most of what the question names (`documentByTitle`), else the top passage's; none when a note
 * entry carries more of the focus (the question names a work the text cites). When the question names an
 * article by a topic the passages and titles mostly lack (a subject the library does not cover), or
 * the document has no byline, the answer says so rather than offer another document's authors.
 */
function bylineDocument(source: RetrievalSource, found: Passage[], focus: QuestionFocus, namesArticle: boolean): BylineChoice {
  const weightIn = (text: string, terms: FocusTerm[]) => weightSupported(text.toLowerCase(), terms)
  const docs = [...new Set(found.map((p) => p.docId))].flatMap((id) => source.document(id) ?? [])
  const { doc, topic } = documentByTitle(focus, docs)
  if (!doc) return { docIds: [] }
  const cited = Math.max(0, ...found.filter((p) => p.kind === 'reference').map((p) => weightIn(p.text, focus.terms)))
  if (cited > frontMatterTerms(focus, doc).reduce((s, t) => s + t.weight, 0)) return { docIds: [] }
  const total = topic.reduce((s, t) => s + t.weight, 0)
  const titled = new Set(docs.flatMap((d) => frontMatterTerms(focus, d)))
  const unmentioned = topic.filter((t) => !titled.has(t) && !found.some((p) => supportsTerm(p.text.toLowerCase(), telling(t))))
  if (namesArticle && total && unmentioned.reduce((s, t) => s + t.weight, 0) >= 0.5 * total) return { docIds: [], unbylined: { topic: unmentioned } }
  return bylinePassage(doc) ? { docIds: [doc.id] } : { docIds: [], unbylined: { title: doc.meta.title, topic } }
}

/**
 * Bylines join the passages when the question names an author or asks who wrote a document or where
 * its author works: of a named author's documents, else of the document `bylineDocument` finds.
 */
function chooseBylines(source: RetrievalSource, question: string, focus: QuestionFocus, named: { docId: string }[], found: Passage[]): BylineChoice {
  const docIds = [...new Set(named.map((n) => n.docId))]
  return !docIds.length && isBylineQuestion(question) ? bylineDocument(source, found, focus, namesArticleByTopic(question)) : { docIds }
}

function withBylines(source: RetrievalSource, search: Retrieval, docIds: string[], asked: boolean): Retrieval {
  const bylines = docIds.flatMap((id) => {
    const doc = source.document(id)
    const p = doc && bylinePassage(doc)
    return p ? [p] : []
  })
  if (!bylines.length) return search
  // asked for, the byline leads; merely naming an author, it comes after what the search found
  const results = (asked ? [...bylines, ...search.results] : [...search.results, ...bylines]).map((p, i) => ({ ...p, rank: i + 1 }))
  return { ...search, results }
}

// the focus weight below which a question pointing back (it, that, what about) cannot stand alone
const LEANING_WEIGHT = 1.5

/** An offline follow-up candidate: the previous question and this one together, when this one leans on it. */
export function contextualizeOffline(question: string, history: ChatTurn[], focus: QuestionFocus): string {
  const asked = questionsAsked(history)
  const last = asked.at(-1)
  if (!last) return question
  // an earlier follow-up ("what about the one before it?") has its subject in the question before it
  const previous = pointsBack(last) && asked.length > 1 ? `${asked.at(-2)} ${last}` : last
  const own = focus.terms.filter((t) => t.weight >= 0.5).length
  return focus.anaphora || own === 0 ? `${previous} ${question}` : question
}

/** The asker's earlier questions, in order (each read as far as a question may go). */
function questionsAsked(history: ChatTurn[]): string[] {
  return history.filter((t) => t.role === 'user').map((t) => t.text.slice(0, MAX_QUESTION_CHARS))
}

// "what about X?", 那 X 呢: the earlier question asked again of X (a few words, asking nothing themselves)
const WHAT_ABOUT = /^\s*(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*[?？.。!！]*\s*$|^\s*(?:那么?|还有)?\s*(.+?)\s*呢\s*[?？.。]*\s*$/i
const ASKS_ITSELF = /什么|哪|如何|怎么|怎样|为什么|是否|吗|谁|多少|几|\b(?:what|which|who|whom|how|why|when|where|does|do|did|is|are)\b/i

/** X of "What about X?" / 那X呢, when it is short and asks nothing itself. */
function ellipsisSubject(question: string): string | undefined {
  const subject = question.match(WHAT_ABOUT)?.slice(1).find(Boolean)?.trim()
  if (!subject || ASKS_ITSELF.test(subject) || pointsBack(subject)) return undefined
  return (isHan(subject) ? [...subject].length <= 10 : subject.split(/\s+/).length <= 4) ? subject : undefined
}

/** The focus of an analysed question, with the library's dictionary and vocabulary. */
function focusOf(source: RetrievalSource, analysis: QueryAnalysis): QuestionFocus {
  return questionFocus(
    analysis,
    (w) => source.chineseFor(w),
    (t) => source.mentions(t),
    (e) => source.properNoun(e),
  )
}

/**
 * "What recommendations does Zheng make?" then "What about Tang?": the earlier question with the name
 * it asked about replaced by the new one (an author by an author; another name by the earlier question's
 * first name in the same script that names no author: 中俄 by 中美), or undefined when the question is
 * no such ellipsis or there is nothing to replace.
 */
export function askedOfAnother(source: RetrievalSource, question: string, history: ChatTurn[], focus: QuestionFocus): string | undefined {
  const subject = ellipsisSubject(question)
  const last = questionsAsked(history).at(-1)
  if (!subject || !last) return undefined
  const authors = source.authorList()
  const newAuthor = authorsNamed(question, authors)[0]
  const oldAuthors = authorsNamed(last, authors)
  // (a function as the replacement: the asker's $& or $1 are words, not patterns)
  const swapped = (old: string) => last.replace(new RegExp(escapeRegExp(old), 'i'), () => subject)
  const oldAuthor = oldAuthors.find((a) => a.docId !== newAuthor?.docId)
  if (newAuthor) return oldAuthor ? swapped(oldAuthor.asked) : undefined
  const name = focus.terms.find((t) => t.kind === 'name' && subject.toLowerCase().includes(t.text.toLowerCase()))
  if (!name) return undefined
  const byAuthor = (t: FocusTerm) =>
    oldAuthors.some((a) => a.asked.toLowerCase().includes(t.text.toLowerCase()) || t.text.toLowerCase().includes(a.asked.toLowerCase()))
  const earlier = focusOf(source, source.analyze(last)).terms.find(
    (t) => t.kind === 'name' && !byAuthor(t) && isHan(t.text) === isHan(name.text) && t.text !== name.text && last.toLowerCase().includes(t.text.toLowerCase()),
  )
  return earlier ? swapped(earlier.text) : undefined
}

/**
 * A question about one document named by its author ("the Zheng article", "what does Zheng
 * recommend") is answered from that document, searched for the rest of the question (the name
 * selects the document; passages quoting the author's other works do not answer it).
 */
async function groundInNamedDocument(source: RetrievalSource, question: string, k: number): Promise<Grounding | undefined> {
  const named = authorsNamed(question, source.authorList())
  if (asksForByline(question, named.length > 0)) return undefined
  const docIds = [...new Set(named.map((n) => n.docId))]
  if (docIds.length !== 1) return undefined
  const rest = named.reduce((q, n) => q.replaceAll(n.asked, ' '), question).replace(/\s+/g, ' ')
  return ground(source, question, await source.search(rest, k + RESERVE, { docId: docIds[0] }), k)
}

/**
 * Retrieval for a question in a conversation. The question is tried on its own first; it is taken
 * as a follow-up only when it cannot stand alone (no focus of its own, or a pronoun and too little
 * evidence), and then the merged question is kept only if it finds better evidence.
 */
async function retrieve(question: string, history: ChatTurn[], options: AnswerOptions, source: RetrievalSource, k: number): Promise<Grounding> {
  const alone = (await groundInNamedDocument(source, question, k)) ?? ground(source, question, await source.search(question, k + RESERVE), k)
  if (!history.length) return alone
  if (options.llm) {
    try {
      const messages: ModelMessage[] = [
        ...history.slice(-6).map((t) => ({ role: t.role, content: t.text.slice(0, 2000) })),
        { role: 'user', content: question },
      ]
      const rewritten = await completeText(options.llm, rewriteSystemPrompt(), messages)
      if (rewritten && rewritten.length < 1000 && rewritten !== question)
        return ground(source, rewritten, await source.search(rewritten, k + RESERVE), k, alone.focus)
    } catch {
      // the answer step reports an unreachable model; retrieval falls back to the offline rule
    }
  }
  const again = askedOfAnother(source, question, history, alone.focus)
  if (again) {
    const other = (await groundInNamedDocument(source, again, k)) ?? ground(source, again, await source.search(again, k + RESERVE), k)
    // (the earlier question asked of X, unless the question alone finds better evidence)
    const better = declines(alone.evidence) || (!declines(other.evidence) && other.evidence.score >= alone.evidence.score)
    return better ? other : alone
  }
  const merged = contextualizeOffline(question, history, alone.focus)
  // "what about the one before it?": a pointer back and only a common word or two of its own
  // (before, new), which every passage supports, lean on the earlier question whatever they score alone
  const own = alone.focus.terms.filter((t) => t.weight >= 0.5).reduce((sum, t) => sum + t.weight, 0)
  const leans = alone.focus.anaphora && own < LEANING_WEIGHT
  const standsAlone = own > 0 && !leans && (!alone.focus.anaphora || !declines(alone.evidence))
  if (merged === question || standsAlone) return alone
  const withContext = ground(source, merged, await source.search(merged, k + RESERVE), k, alone.focus)
  if (leans) return declines(withContext.evidence) && !declines(alone.evidence) ? alone : withContext
  return withContext.evidence.score > alone.evidence.score || declines(alone.evidence) ? withContext : alone
}

/**
 * Passages to answer from: retrieved ones, plus for a cited footnote the passage carrying its marker;
 * then the reserve, numbered after them (`shown` counts the others).
 */
function passagesFor(
  source: RetrievalSource,
  results: Passage[],
  citationQuestion: boolean,
  reserve: Passage[] = [],
): { numbered: CitedPassage[]; list: Passage[]; shown: number } {
  const list = [...results]
  const citingOf = new Map(results.filter((p) => p.kind === 'reference').map((p) => [p.chunkId, source.citingPassage(p.chunkId)]))
  if (citationQuestion) {
    for (const ref of results.filter((p) => p.kind === 'reference').slice(0, 2)) {
      const citing = citingOf.get(ref.chunkId)?.passage
      if (citing && !list.some((p) => p.chunkId === citing.chunkId)) list.push({ ...citing, rank: list.length + 1 })
    }
  }
  const shown = list.length
  // (for another question, an answer quoting a note quotes the sentence citing it next: see withCitingSentences)
  const citing = citationQuestion ? [] : [...citingOf.values()].flatMap((c) => (c ? [c.passage] : []))
  for (const p of [...reserve, ...citing]) if (!list.some((q) => q.chunkId === p.chunkId)) list.push({ ...p, rank: list.length + 1 })
  const numbered = numberPassages(list, (docId) => source.document(docId))
  for (const p of numbered) {
    const citing = citingOf.get(p.chunkId)
    if (!citing) continue
    p.citedBy = numbered.find((q) => q.chunkId === citing.passage.chunkId)?.n
    p.citingSentence = citing.sentence
  }
  return { numbered, list, shown }
}

/**
 * Retrieve for the question (made standalone from the conversation), then answer with the LLM when
 * one is configured, else extractively. Yields the numbered passages first, then the text as it
 * is produced, then the checked answer.
 */
export async function* answerQuestion(question: string, history: ChatTurn[], options: AnswerOptions): AsyncGenerator<AnswerEvent> {
  const source = toSource(options.retriever)
  const { standalone, search, reserve, focus, evidence, namesAuthor, outline } = await retrieve(question, history, options, source, options.k ?? 6)
  const citationQuestion = asksForSources(search.analysis, namesAuthor)
  // the answer's language is the asker's, even when a follow-up was merged with an earlier question
  const lang = standalone === question ? search.lang : source.analyze(question).lang
  const numbering = passagesFor(source, search.results, citationQuestion, options.llm ? [] : reserve)
  const withReserve = numbering.numbered
  // the reserve is shown only as far as the answer quotes it
  let passages = withReserve.slice(0, numbering.shown)
  let list = numbering.list.slice(0, numbering.shown)
  yield { type: 'passages', passages, question, standalone, lang, mode: options.llm ? 'llm' : 'extractive' }

  const warnings: string[] = []
  let text = ''
  let cited: number[] = []
  let abstained = false
  let mode: Answer['mode'] = 'extractive'
  let quotes = new Map<number, string>()
  // a model's partial answer stays on screen with its numbers: the offline one after it keeps them
  let shownBefore = false

  // the evidence check runs before any model: a question the documents cannot answer is declined offline
  if (options.llm && passages.length && !declines(evidence)) {
    const buffer = new SentenceBuffer()
    const invented = new Set<number>()
    let uncited = 0
    const emit = (sentences: string[]) => {
      let out = ''
      for (const s of sentences) {
        const checked = checkSentence(s, passages.length)
        checked.invented.forEach((n) => {
          invented.add(n)
        })
        checked.cited.forEach((n) => {
          cited.includes(n) || cited.push(n)
        })
        if (checked.uncited) uncited++
        out += checked.text
      }
      text += out
      return out
    }
    try {
      const stream = streamCompletion(options.llm, answerSystemPrompt(lang), [
        { role: 'user', content: answerUserPrompt(question === standalone ? question : standalone, passages) },
      ])
      for await (const delta of stream) {
        const out = emit(buffer.push(delta))
        if (out) yield { type: 'text', delta: out }
      }
      const out = emit(buffer.flush())
      if (out) yield { type: 'text', delta: out }
      mode = 'llm'
      abstained = cited.length === 0
      if (invented.size) warnings.push(`removed citations of passages that were not retrieved: ${[...invented].map((n) => `[${n}]`).join(' ')}`)
      if (uncited) warnings.push(`${uncited} sentence(s) without a citation are marked [?]`)
    } catch (err) {
      const message = `${err instanceof Error ? err.message : String(err)}; answered offline instead.`
      warnings.push(message)
      yield { type: 'notice', message }
      const separator = text ? '\n\n---\n\n' : ''
      text = ''
      cited = []
      shownBefore = !!separator
      if (separator) yield { type: 'text', delta: separator }
    }
  }

  if (mode === 'extractive') {
    const result = await extractiveAnswer({
      // the asker's own words decide the language of the answer
      analysis: { ...search.analysis, question, lang: lang === 'mixed' ? search.analysis.lang : lang },
      focus,
      evidence,
      passages,
      reserve: withReserve.slice(numbering.shown),
      citationQuestion,
      // (naming an author is not asking for the byline: "what post does X hold" is answered by the text)
      bylineQuestion: asksForByline(search.analysis.normalized, namesAuthor),
      authorQuestion: asksWhatAuthorIs(search.analysis.normalized, namesAuthor),
      embedDocuments: (texts) => source.embedDocuments(texts),
      queryVector: search.queryVector ?? (await source.embedQuery(search.analysis.denseText)),
      senses: (w) => source.senses(w),
      mentions: (term) => source.mentions(term),
      placeName: (english) => source.placeName(english),
      ...(outline ? { outline } : {}),
    })
    // numbered in the order the answer cites them (1, 2, 3, not 1, 5): the reserve is shown only as far as it is quoted
    const numbered = withReserve.map((passage, i) => ({ passage, listed: numbering.list[i] }))
    const ordered = shownBefore ? inRankOrder(result, numbered, numbering.shown) : inCitationOrder(result, numbered, numbering.shown)
    text += ordered.text
    cited = ordered.cited
    abstained = result.abstained
    quotes = ordered.quotes
    passages = ordered.passages
    list = ordered.list
    if (!shownBefore) yield { type: 'passages', passages, question, standalone, lang, mode: 'extractive' }
    yield { type: 'text', delta: ordered.text }
  }

  for (const p of passages) {
    p.cited = cited.includes(p.n)
    const quote = quotes.get(p.n)
    const doc = quote && p.kind === 'passage' ? source.document(p.docId) : undefined
    const span = doc && quoteSpan(doc, p.start, p.end, quote!)
    if (span) p.quote = span
  }
  const answer: Answer = {
    question,
    lang,
    mode,
    answer: text,
    abstained,
    citations: cited.map((n) => {
      const p = passages[n - 1]
      return {
        n,
        chunkId: p.chunkId,
        docId: p.docId,
        quote: quotes.get(n) ?? p.plain.slice(0, 200),
        ...(p.page !== undefined ? { page: p.page } : {}),
        ...(p.pageEnd !== undefined ? { pageEnd: p.pageEnd } : {}),
      }
    }),
    // every citation's n points into this list: the retrieved passages plus any citing passage added
    passages: list.map((p, i) => ({ ...p, rank: i + 1 })),
    ...(warnings.length ? { warnings } : {}),
  }
  yield { type: 'done', answer, passages, evidence }
}

export type Numbered = { passage: CitedPassage; listed: Passage }
type OfflineResult = { text: string; cited: number[]; quotes: { n: number; quote: string }[] }
type Ordered = { text: string; cited: number[]; quotes: Map<number, string>; passages: CitedPassage[]; list: Passage[] }

// an answer's own citation marker ends its line ("…” [2]"): a "[2]" inside quoted text is the source's
const LINE_END_CITATION = /\[(\d+)\](?=[ \t]*$)/gm

/** The first sentence quoted from each passage (the one the viewer marks), under its number. */
function firstQuotes(quotes: { n: number; quote: string }[], renumber: (n: number) => number = (n) => n): Map<number, string> {
  const out = new Map<number, string>()
  for (const q of quotes) if (!out.has(renumber(q.n))) out.set(renumber(q.n), q.quote)
  return out
}

/**
 * An offline answer with its passages renumbered: the cited ones first in the order the answer cites
 * them, then the other `shown` ones in rank order (the reserve only as far as it is cited); its text,
 * quotes and note links follow the new numbers.
 */
export function inCitationOrder(result: OfflineResult, numbered: Numbered[], shown: number): Ordered {
  const listed = numbered.filter((s, i) => i < shown || result.cited.includes(s.passage.n))
  const first = result.cited.flatMap((n) => listed.filter((s) => s.passage.n === n))
  const order = [...first, ...listed.filter((s) => !result.cited.includes(s.passage.n))]
  const number = new Map(order.map((s, i) => [s.passage.n, i + 1]))
  const renumber = (n: number) => number.get(n) ?? n
  const citedBy = (p: CitedPassage) => (p.citedBy !== undefined && number.has(p.citedBy) ? { citedBy: renumber(p.citedBy) } : {})
  return {
    text: result.text.replace(LINE_END_CITATION, (marker, n: string) => (number.has(Number(n)) ? `[${renumber(Number(n))}]` : marker)),
    cited: result.cited.map(renumber),
    quotes: firstQuotes(result.quotes, renumber),
    passages: order.map(({ passage }) => {
      const { citedBy: _, ...rest } = passage
      return { ...rest, n: renumber(passage.n), ...citedBy(passage) }
    }),
    list: order.map((s) => s.listed),
  }
}

/** An offline answer under the numbers already shown (after a model's partial answer): the passages through the last one cited. */
function inRankOrder(result: OfflineResult, numbered: Numbered[], shown: number): Ordered {
  const through = numbered.slice(0, Math.max(shown, ...result.cited))
  return {
    text: result.text,
    cited: result.cited,
    quotes: firstQuotes(result.quotes),
    passages: through.map((s) => s.passage),
    list: through.map((s) => s.listed),
  }
}

/** Runs the whole answer and returns it (CLI, evaluation). */
export async function answerOnce(
  question: string,
  history: ChatTurn[],
  options: AnswerOptions,
): Promise<{ answer: Answer; passages: CitedPassage[]; evidence: Evidence }> {
  for await (const event of answerQuestion(question, history, options)) if (event.type === 'done') return event
  throw new Error('the answerer ended without an answer')
}
