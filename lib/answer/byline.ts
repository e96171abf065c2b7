import type { FocusTerm, QuestionFocus } from '../retrieve/analyze'
import { romanizeName } from '../text/pinyin'
import type { Passage, SourceDocument } from '../types'

/** The section name a byline passage carries (it is no section of the text: the front matter). */
export const BYLINE_SECTION = '署名 Byline'

// who wrote a document, or where its author works: the front matter answers, which no passage holds
const BYLINE_QUESTION =
  /\b(authors?|wrote|written|writer|byline|affiliat\w*|works? (for|at)|employed)\b|作者|谁写|撰写|署名|执笔|工作单位|哪个单位|什么单位|任职于|就职|供职|所属机构/i

export function isBylineQuestion(question: string): boolean {
  return BYLINE_QUESTION.test(question)
}

/** A document's authors as a question may name them: in Chinese, and in pinyin either way round (Zheng Shimin, Shimin Zheng). */
export function authorForms(author: string): string[] {
  const { family, given } = romanizeName(author)
  return [author, `${family} ${given}`, `${given} ${family}`].filter((f) => f.trim())
}

/** The authors of the given documents that the question names, with the form it uses. */
export function authorsNamed(question: string, docs: { id: string; authors: string[] }[]): { docId: string; author: string; asked: string }[] {
  const lower = question.toLowerCase()
  return docs.flatMap((d) =>
    d.authors.flatMap((author) => {
      const asked = authorForms(author).find((f) => f.length >= 2 && lower.includes(f.toLowerCase()))
      return asked ? [{ docId: d.id, author, asked }] : []
    }),
  )
}

/**
 * The document's front matter (title and byline blocks: authors, affiliation) as a passage, so that
 * "who wrote …" and "where does the author work" can be answered and cited like any other passage.
 */
export function bylinePassage(doc: SourceDocument): Passage | undefined {
  const isFront = (b: { kind: string }) => b.kind === 'title' || b.kind === 'byline'
  const first = doc.blocks.findIndex(isFront)
  const front: typeof doc.blocks = []
  for (let i = first; i >= 0 && i < doc.blocks.length && isFront(doc.blocks[i]); i++) front.push(doc.blocks[i])
  if (!front.some((b) => b.kind === 'byline')) return undefined
  const start = front[0].start
  const end = front[front.length - 1].end
  return {
    rank: 0,
    chunkId: `${doc.id}#byline`,
    docId: doc.id,
    title: doc.meta.title,
    section: BYLINE_SECTION,
    text: doc.text.slice(start, end),
    score: 0,
    kind: 'passage',
    start,
    end,
  }
}

/** The question's words for a named author (郑 + 世民, or Zheng + Shimin) become one name the byline supports. */
export function withAuthorNames(focus: QuestionFocus, named: { author: string; asked: string }[]): QuestionFocus {
  if (!named.length) return focus
  const parts = (t: FocusTerm) => named.some(({ asked }) => asked.toLowerCase().includes(t.text.toLowerCase()))
  const names: FocusTerm[] = named.map(({ author, asked }) => ({ text: asked, forms: [author, asked.toLowerCase()], kind: 'name', weight: 4 }))
  return { ...focus, terms: [...names, ...focus.terms.filter((t) => !parts(t))] }
}
