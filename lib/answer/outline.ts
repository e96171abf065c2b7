import { type FocusTerm, type QuestionFocus, supportsTerm, telling, weightSupported } from '../retrieve/analyze'
import type { Passage, Section, SourceDocument } from '../types'

/**
 * A section whose subsections are the items a list question asks for ("what challenges does … face",
 * 有哪些建议): the answer lists their headings, each cited to the passage it opens.
 */
export interface Outline {
  docId: string
  /** the document's title, and its English title when it has one */
  title: string
  titleEn?: string
  /** the section's heading */
  heading: string
  /** each subsection's heading and the passage it opens */
  items: { heading: string; passage: Passage }[]
  /** the share of the question's focus the heading (with its document's title) carries, the kind of list asked for included */
  support: number
}

/** What finding an outline needs: the documents, and the passage a subsection's heading opens. */
export interface OutlineSource {
  document(docId: string): SourceDocument | undefined
  /** the passage holding a place of a document's text (the one starting nearest before it) */
  passageAt(docId: string, offset: number): Passage | undefined
}

// the kinds of items a question may ask for as a list, and the words of the headings that list them in
// Chinese academic writing (recommendations under 几点思考, 对策建议; risks under 风险挑战, 存在的问题)
const LIST_KINDS: { asked: RegExp; plural: string; heading: RegExp }[] = [
  {
    asked: /建议|对策|措施|举措|思考|启示|\b(?:recommend|suggest|proposal|measure|countermeasure|step)\w*/i,
    plural: 'recommendations|suggestions|proposals|measures|countermeasures|steps',
    heading: /建议|对策|措施|举措|思考|启示|路径|应对/,
  },
  {
    asked: /挑战|风险|问题|困难|障碍|\b(?:challenge|risk|problem|difficult|obstacle|barrier)\w*/i,
    plural: 'challenges|risks|problems|difficulties|obstacles|barriers',
    heading: /挑战|风险|问题|困境|障碍|不足/,
  },
  { asked: /趋势|\btrends?\b/i, plural: 'trends', heading: /趋势|展望/ },
  { asked: /机遇|机会|\bopportunit\w*/i, plural: 'opportunities', heading: /机遇/ },
]

// a question asking for several things: 哪些, 哪几点, 什么建议; "what (are the) … risks", "which … challenges", "list"
// (in English the kind's own plural noun, a few words after what or which: "which risk does …" asks for one)
const ASKS_FOR_LIST = new RegExp(
  `哪些|哪几|几点|(?:什么|啥)(?:样的)?(?:建议|对策|措施|挑战|风险|问题|趋势|机遇)|\\b(?:what|which)\\s+(?:(?:are|were)\\s+)?(?:the\\s+)?(?:[\\w-]+\\s+){0,3}?(?:${LIST_KINDS.map((k) => k.plural).join('|')})\\b|\\blist\\b`,
  'i',
)

// verbs that pair with a list's noun ("make recommendations", 提出建议, "face challenges"): the heading need not have them
const LIST_VERBS = /^(?:提出|给出|提供|作出|做出|面临|面对|遇到|存在|有|make|give|offer|propose|put forward|face|encounter|have|identify|raise|list|see)$/i

// share of the rest of the question's focus the section's heading (with its document's title) must carry
const TOPICAL = 0.75

/** Whether a word of the question names the kind of list it asks for (对策, recommendations): the headings may name it otherwise. */
export function namesListKind(word: string): boolean {
  return LIST_KINDS.some((k) => k.asked.test(word))
}

/** The kind of list a question asks for (its heading words), or undefined when it asks for no list. */
export function askedList(question: string): RegExp | undefined {
  return ASKS_FOR_LIST.test(question) ? LIST_KINDS.find((k) => k.asked.test(question))?.heading : undefined
}

/** A section's subsections: the sections after it one level down, up to the next of its level or above. */
function subsections(sections: Section[], i: number): Section[] {
  const out: Section[] = []
  for (const s of sections.slice(i + 1)) {
    if (s.level <= sections[i].level) break
    if (s.level === sections[i].level + 1) out.push(s)
  }
  return out
}

/** Where a section ends: the next section of its level or above, else the document's end. */
function sectionEnd(doc: SourceDocument, i: number): number {
  return doc.sections.slice(i + 1).find((s) => s.level <= doc.sections[i].level)?.start ?? doc.text.length
}

/**
 * The section a list question asks for: among the documents of the retrieved passages, one whose
 * heading names the kind of list asked for (挑战, 建议 …), with two or more subsections, holding a
 * retrieved passage (or carrying all the question asks about), and whose heading with its document's title carries most of the rest of the
 * question's focus (and none of it that only some subsections' headings carry: the question asks about those);
 * of several, the one carrying more, then holding more retrieved passages.
 */
export function findOutline(question: string, focus: QuestionFocus, found: Passage[], source: OutlineSource): Outline | undefined {
  const kind = askedList(question)
  if (!kind) return undefined
  // (the words asking for the list are what the heading names, with their verb; an author naming the article only selects it)
  const rest = focus.terms.filter((t) => !t.namesDocument && !LIST_VERBS.test(t.text) && !namesListKind(t.text))
  const candidates = [...new Set(found.map((p) => p.docId))].flatMap((docId) => {
    const doc = source.document(docId)
    return doc ? doc.sections.flatMap((_, i) => candidateAt(doc, i, kind, rest, found, source) ?? []) : []
  })
  // (a heading naming another kind of list as well, 应对风险挑战 "meeting the risks", is the lesser match for "which risks")
  candidates.sort((a, b) => b.outline.support - a.outline.support || Number(a.mixed) - Number(b.mixed) || b.inside - a.inside)
  return candidates[0]?.outline
}

interface Candidate {
  outline: Outline
  /** its heading names another kind of list as well */
  mixed: boolean
  /** retrieved passages inside the section */
  inside: number
}

/** The section at `i` as the answer to the list question, if it can be (see `findOutline`). */
function candidateAt(doc: SourceDocument, i: number, kind: RegExp, rest: FocusTerm[], found: Passage[], source: OutlineSource): Candidate | undefined {
  const section = doc.sections[i]
  const items = subsections(doc.sections, i)
  if (items.length < 2 || !kind.test(section.title)) return undefined
  const end = sectionEnd(doc, i)
  const inside = found.filter((p) => p.docId === doc.id && p.start < end && p.end > section.start).length
  const topic = `${section.title}\n${doc.meta.title}`
  const share = carried(rest, topic)
  // (a section holding no retrieved passage is taken only when its heading and title carry all the question asks about)
  if ((!inside && !(rest.length && share === 1)) || share < TOPICAL || narrower(rest, topic, items)) return undefined
  const outline = outlineOf(doc, section, items, source, share)
  const mixed = LIST_KINDS.some((k) => k.heading !== kind && k.heading.test(section.title))
  return outline && { outline, mixed, inside }
}

/** Whether the question asks about one of the items rather than all: a term of it that only some items' headings have, not the section's heading or its document's title ("challenges in supply chains"). */
function narrower(terms: FocusTerm[], topic: string, items: Section[]): boolean {
  const has = (text: string, t: FocusTerm) => supportsTerm(text.toLowerCase(), telling(t))
  return terms.some((t) => !has(topic, t) && items.some((item) => has(item.title, t)))
}

/** The weighted share of the terms a text supports (all of it when there are none). */
function carried(terms: FocusTerm[], text: string): number {
  const total = terms.reduce((s, t) => s + t.weight, 0)
  return total ? weightSupported(text.toLowerCase(), terms) / total : 1
}

function outlineOf(doc: SourceDocument, section: Section, items: Section[], source: OutlineSource, support: number): Outline | undefined {
  const cited = items.flatMap((item) => {
    const passage = source.passageAt(doc.id, item.start)
    return passage ? [{ heading: item.title.trim(), passage }] : []
  })
  return cited.length >= 2
    ? { docId: doc.id, title: doc.meta.title, ...(doc.meta.titleEn ? { titleEn: doc.meta.titleEn } : {}), heading: section.title.trim(), items: cited, support }
    : undefined
}
