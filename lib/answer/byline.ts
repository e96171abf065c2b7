import { type FocusTerm, isAffiliationQuestion, type QuestionFocus, supportsTerm, telling } from '../retrieve/analyze'
import { romanizeName } from '../text/pinyin'
import { isHan, stemEnglish } from '../text/segment'
import type { Passage, SourceDocument } from '../types'

/** The section name a byline passage carries (it is no section of the text: the front matter). */
export const BYLINE_SECTION = '署名 Byline'

/**
 * A note marked * or ** on the title or the byline: it is about the article and its authors (funding,
 * thanks, each author's position), not a source the text cites, and answers what the byline answers.
 */
export function isArticleNote(p: Pick<Passage, 'kind' | 'text'>): boolean {
  return p.kind === 'reference' && /^\s*\*{1,2}(?!\*)/.test(p.text)
}

// who wrote a document, or where its author works: the front matter answers, which no passage holds
const BYLINE_QUESTION = /\b(authors?|wrote|written|writer|byline|affiliat\w*|employed)\b|作者|谁写|撰写|署名|执笔|哪个单位|什么单位|任职于|就职|供职|所属机构/i

// the author as the one who says or does something ("what does the author suggest", "whom do the authors of the
// outlook thank", 作者认为) asks what the text says, not who wrote it (but "the authors of the article that cites
// X" asks who wrote it: the verb is the article's)
const AUTHOR_SAYS =
  /\b(?:according to (?:the )?authors?|(?:the )?authors?(?: of (?:(?!\b(?:that|which|who|whom)\b)[\w ,'’-]){1,80}?)? (?:(?!(?:that|which|who|whom)\b)\w+ )?(?:says?|said|suggest|recommend|propose|argue|think|believe|mean|claim|conclude|expect|predict|want|call|see|view|describe|stress|warn|note|thank|acknowledg|credit|cite|quote)\w*)\b|作者(?:们)?(?:认为|建议|提出|指出|主张|表示|看来|强调|预测|预计|觉得|说|感谢|致谢|引用)/gi

export function isBylineQuestion(question: string): boolean {
  const asked = question.replace(AUTHOR_SAYS, ' ')
  return BYLINE_QUESTION.test(asked) || isAffiliationQuestion(asked)
}

// "what is the title of …", 文章的题目: the title of a work, which its byline gives (a document of the
// library) or the note citing it (a work the text cites)
const TITLE_QUESTION = /\btitled?\b|题目|标题|篇名|题名/i

// what a named author is (职称, 干什么的, 唐新华是谁, "who is Tang Xinhua", "what is her position"): the note on the authors says it
// (an English one is someone's: "Tang's position", "what is his rank", not "the role of universities")
const POSITION_WORDS_ZH = ['职务', '职称', '职位', '头衔', '身份']
const POSITION_WORDS_EN = ['position', 'rank', 'job', 'role', 'occupation', 'profession']
const POSITION_QUESTION = new RegExp(
  `${POSITION_WORDS_ZH.join('|')}|(?:干|做|读|学)(?:什么|啥)|^\\s*\\p{Script=Han}{2,4}是(?:谁|什么人)[？?。]?\\s*$|^\\s*who\\s+(?:is|was)\\s+[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?\\s*[?？.]?\\s*$|(?:'s|\\bhis|\\bher|\\btheir)\\s+(?:[a-z]+\\s+)?(?:${POSITION_WORDS_EN.join('|')})\\b`,
  'iu',
)
const POSITION_WORDS = new Set([...POSITION_WORDS_ZH, ...POSITION_WORDS_EN])

/** Whether a question asks what an author of the library is (their position, what they study). */
export function asksWhatAuthorIs(question: string, namesAuthor: boolean): boolean {
  return namesAuthor && POSITION_QUESTION.test(question)
}

/** For a question about what a named author is, the focus without the words asking it (职称 is not a word the note need use), asking for no name or number. */
export function withoutPositionWords(focus: QuestionFocus, question: string, namesAuthor: boolean): QuestionFocus {
  if (!asksWhatAuthorIs(question, namesAuthor)) return focus
  // ("who is she" asks what she is, not for a person's name)
  const { unit: _, ...rest } = focus
  return { ...rest, wants: 'other', terms: focus.terms.filter((t) => !POSITION_WORDS.has(t.text.toLowerCase())) }
}

/**
 * Whether a question asks for a document's byline: who wrote it, where its author works, or the
 * title of a named author's document or what that author is (their position, what they study).
 */
export function asksForByline(question: string, namesAuthor: boolean): boolean {
  return isBylineQuestion(question) || (namesAuthor && TITLE_QUESTION.test(question)) || asksWhatAuthorIs(question, namesAuthor)
}

/** Whether a question asks for the title of a work the text cites (none of the library's authors is named). */
export function asksForCitedTitle(question: string, namesAuthor: boolean): boolean {
  return !namesAuthor && TITLE_QUESTION.test(question)
}

// "the article about X", 关于 X 的文章: a document named by its topic (not "the ministry the author works for")
const ARTICLE_ABOUT =
  /\b(?:article|paper|essay|study|report|text)s?\s+(?:on|about|regarding|concerning|dealing with)\b|关于.{1,40}(?:文章|论文|研究|报告)|(?:文章|论文).{0,6}(?:关于|论述|讨论)/i

/** Whether a question names a document by what it is about. */
export function namesArticleByTopic(question: string): boolean {
  return ARTICLE_ABOUT.test(question)
}

/** A document's authors as a question may name them: in Chinese, and in pinyin either way round (Zheng Shimin, Shimin Zheng). */
export function authorForms(author: string): string[] {
  const { family, given } = romanizeName(author)
  return [author, `${family} ${given}`, `${given} ${family}`].filter((f) => f.trim())
}

const HAN_NAME = /^\p{Script=Han}{2,4}$/u

/** How Chinese names an article by its first author's family name: 郑文 (郑世民's article), 唐文. */
function articleOf(author: string): string {
  if (!HAN_NAME.test(author)) return ''
  return `${author.length === 4 ? author.slice(0, 2) : author[0]}文`
}

/**
 * The authors a byline passage lists, in pinyin (唐新华 张泽明 → Tang Xinhua, Zhang Zeming): its
 * line of two- to four-character Chinese names, separated by spaces or 、，; none when it has no such line.
 */
export function bylineAuthorsInPinyin(bylineText: string): string[] {
  for (const line of bylineText.split('\n')) {
    const names = line
      .split(/[\s、，,]+/)
      .map((n) => n.replace(/[0-9*]+$/, ''))
      .filter(Boolean)
    if (names.length && names.every((n) => HAN_NAME.test(n)))
      return names.map((n) => {
        const { family, given } = romanizeName(n)
        return `${family} ${given}`
      })
  }
  return []
}

/** The authors of the given documents that the question names, with the form it uses. */
export function authorsNamed(question: string, docs: { id: string; authors: string[] }[]): { docId: string; author: string; asked: string }[] {
  const lower = question.toLowerCase()
  return docs.flatMap((d) =>
    d.authors.flatMap((author, i) => {
      const forms = [...authorForms(author), ...(i === 0 ? [articleOf(author)] : [])]
      const asked = forms.find((f) => f.length >= 2 && lower.includes(f.toLowerCase())) ?? familyNamed(question, author)
      return asked ? [{ docId: d.id, author, asked }] : []
    }),
  )
}

// capitalised words that begin a question or a noun phrase, not a name
const NOT_NAMES = /^(?:The|A|An|What|Which|How|Why|When|Where|Who|Does|Did|Do|Is|Are|Was|In|According|By|To|For|And|Of|On|As|Professor|Prof|Dr|Mr|Ms|Mrs)$/

/**
 * An author named by the family name alone, in pinyin ("the Zheng article", "What does Zheng
 * recommend"), but not as part of another name ("Wang Li" is not 李明华).
 */
function familyNamed(question: string, author: string): string | undefined {
  const { family } = romanizeName(author)
  if (!/^[A-Z][a-z]+$/.test(family)) return undefined
  for (const m of question.matchAll(new RegExp(`\\b${family}\\b`, 'g'))) {
    const before = question.slice(0, m.index).match(/([A-Z][a-z]+)\s+$/)?.[1]
    const rest = question.slice(m.index + family.length)
    const after = rest.match(/^\s+([A-Z][a-z]+)/)?.[1]
    // (not the first word of a question, a word part, or a dynasty or people: "Long-term", "the Tang dynasty")
    if (m.index === 0 || /^-|^\s+(?:dynasty|people|era|period)\b/i.test(rest)) continue
    if (![before, after].some((w) => w && !NOT_NAMES.test(w))) return family
  }
  return undefined
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
  // (and a word the segmenter glued to it: 郑文一 in 郑文一开头说)
  const parts = (t: FocusTerm) => named.some(({ asked }) => asked.toLowerCase().includes(t.text.toLowerCase()) || (isHan(asked) && t.text.startsWith(asked)))
  const names: FocusTerm[] = named.map(({ author, asked }) => ({
    text: asked,
    forms: [author, asked.toLowerCase()],
    kind: 'name',
    weight: 4,
    namesDocument: true,
  }))
  return { ...focus, terms: [...names, ...focus.terms.filter((t) => !parts(t))] }
}

// how specific a term must be to name what a document is about (not "growing", "write"); a word the corpus lacks always is
const TOPIC_WEIGHT = 0.75
// words of a "who wrote" question that name the document, not its topic
const DOCUMENT_WORDS = /^(?:paper|article|essay|study|report|text|document|author|wrote|write|written|writer|文章|论文|作者|写)/i

/**
 * The focus terms a document's front matter carries: its title, its English title and its byline
 * ("the article about uncertainty in …" names Growing Uncertainty in …).
 */
export function frontMatterTerms(focus: QuestionFocus, doc: SourceDocument): FocusTerm[] {
  const byline = bylinePassage(doc)?.text ?? ''
  const lower = [doc.meta.title, doc.meta.titleEn ?? '', byline].join('\n').toLowerCase()
  // English words are compared as stems (uncertainty and uncertainties alike)
  const stems = new Set((lower.match(/[a-z]+/g) ?? []).map(stemEnglish))
  return focus.terms.filter((t) => supportsTerm(lower, telling(t)) || t.forms.some((f) => stems.has(f)))
}

/**
 * Of the documents a "who wrote the article about X" question may mean (best first), the one whose front
 * matter carries most of X: the question's specific terms (TOPIC_WEIGHT), leaving out words for the
 * document itself and, among several documents, terms every one of them carries (中俄 in every title
 * tells none apart); the first when none carries any of it.
 */
export function documentByTitle(focus: QuestionFocus, docs: SourceDocument[]): { doc?: SourceDocument; carried: number; topic: FocusTerm[] } {
  const carried = docs.map((d) => new Set(frontMatterTerms(focus, d)))
  const shared = (t: FocusTerm) => docs.length > 1 && carried.every((c) => c.has(t))
  const topic = focus.terms.filter((t) => (t.weight >= TOPIC_WEIGHT || t.absent) && !DOCUMENT_WORDS.test(t.text) && !shared(t))
  const total = topic.reduce((s, t) => s + t.weight, 0)
  const share = (i: number) => (total ? topic.filter((t) => carried[i].has(t)).reduce((s, t) => s + t.weight, 0) / total : 1)
  const best = docs.map((d, i) => ({ d, s: share(i), i })).sort((a, b) => b.s - a.s || a.i - b.i)[0]
  return { ...(best ? { doc: best.d } : {}), carried: best?.s ?? 0, topic }
}
