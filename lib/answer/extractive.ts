import { splitSentences } from '../chunk/sentences'
import type { Embedder } from '../embed'
import { dot } from '../embed/types'
import { containsTerm, type QueryAnalysis } from '../retrieve/analyze'
import { isHan } from '../text/segment'
import type { CitedPassage } from './passages'

export interface ExtractiveInput {
  analysis: QueryAnalysis
  passages: CitedPassage[]
  /** false when retrieval found nothing relevant: the answer abstains */
  confident: boolean
  /** the question asks which source the text cites */
  citationQuestion: boolean
  embedder: Embedder
  /** the question's vector, when retrieval already computed it */
  queryVector?: Float32Array
  /** a Chinese word's English glosses */
  glosses: (word: string) => string[]
}

export interface ExtractiveAnswer {
  text: string
  cited: number[]
  abstained: boolean
  /** the sentences quoted, by passage number */
  quotes: { n: number; quote: string }[]
}

interface Candidate {
  n: number
  quote: string
  coverage: number
  score: number
  order: number
}

const MAX_SENTENCES = 3

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

/** Weighted share of the question's term groups that a sentence contains. */
function termCoverage(analysis: QueryAnalysis, sentence: string): number {
  const lower = sentence.toLowerCase()
  let total = 0
  let found = 0
  for (const g of analysis.groups) {
    total += g.weight
    if (g.terms.some((t) => containsTerm(lower, t))) found += g.weight
  }
  return total ? found / total : 0
}

/** Sentences of the passages worth quoting (headings and fragments left out). */
function candidateSentences(passages: CitedPassage[]): { n: number; quote: string; order: number }[] {
  const out: { n: number; quote: string; order: number }[] = []
  for (const p of passages) {
    if (p.kind === 'reference') {
      out.push({ n: p.n, quote: p.plain, order: 0 })
      continue
    }
    const heading = p.section.split(' > ').pop() ?? ''
    splitSentences(p.plain).forEach((s, i) => {
      const quote = p.plain.slice(s.start, s.end).trim()
      if (quote.length >= 8 && quote !== heading && /[。！？!?.；;”」]$|[\p{Script=Han}]{12,}/u.test(quote)) out.push({ n: p.n, quote, order: i })
    })
  }
  return out
}

/**
 * The offline answerer: quotes the few sentences that best answer the question, each cited. Scores
 * combine coverage of the question's terms (translations included), dense similarity and the
 * passage's retrieval rank; near-duplicates are skipped.
 */
export async function extractiveAnswer(input: ExtractiveInput): Promise<ExtractiveAnswer> {
  const { analysis, passages } = input
  const english = analysis.lang === 'en'
  if (!input.confident || !passages.length) return abstain(passages, english)

  const sentences = candidateSentences(passages)
  const queryVector = input.queryVector ?? (await input.embedder.embedQuery(analysis.denseText))
  const vectors = await input.embedder.embedDocuments(sentences.map((s) => s.quote))
  const kindOf = new Map(passages.map((p) => [p.n, p.kind]))
  const candidates: Candidate[] = sentences.map((s, i) => {
    const coverage = termCoverage(analysis, s.quote)
    const referenceFit = input.citationQuestion === (kindOf.get(s.n) === 'reference') ? 0.3 : 0
    return { ...s, coverage, score: coverage + 0.5 * dot(queryVector, vectors[i]) + 0.15 / s.n + referenceFit }
  })
  candidates.sort((a, b) => b.score - a.score)

  const chosen: Candidate[] = []
  for (const c of candidates) {
    if (chosen.length >= MAX_SENTENCES) break
    if (chosen.length && (c.score < 0.6 * chosen[0].score || c.coverage === 0)) break
    if (chosen.some((k) => bigramSimilarity(k.quote, c.quote) > 0.5)) continue
    chosen.push(c)
  }
  if (!chosen.length) return abstain(passages, english)

  if (input.citationQuestion) {
    const reference = chosen.find((c) => kindOf.get(c.n) === 'reference')
    if (reference) return citationAnswer(reference, passages, analysis, english)
  }
  chosen.sort((a, b) => a.n - b.n || a.order - b.order)
  const quotes = chosen.map((c) => ({ n: c.n, quote: c.quote }))
  const lines = quotes.map((q, i) => (english ? `${i + 1}. “${q.quote}” [${q.n}]` : `${i + 1}. ${q.quote}[${q.n}]`))
  const lead = english ? 'The Chinese sources say (quoted in the original):' : '检索到的文献中与此相关的论述：'
  const glossLine = english ? keyTermGlosses(analysis, quotes.map((q) => q.quote).join(''), input.glosses) : ''
  return {
    text: [lead, '', ...lines, ...(glossLine ? ['', glossLine] : [])].join('\n'),
    cited: [...new Set(quotes.map((q) => q.n))],
    abstained: false,
    quotes,
  }
}

/** "Which source is cited for X": the reference entry, and the passage carrying its marker. */
function citationAnswer(reference: Candidate, passages: CitedPassage[], analysis: QueryAnalysis, english: boolean): ExtractiveAnswer {
  const refPassage = passages.find((p) => p.n === reference.n)!
  const citing = passages.find((p) => p.n === refPassage.citedBy)
  const quotes = [{ n: reference.n, quote: reference.quote }]
  const lines = english
    ? ['The article cites this source:', '', `> ${reference.quote} [${reference.n}]`]
    : ['文中引用的文献：', '', `> ${reference.quote}[${reference.n}]`]
  if (citing) {
    const sentence = refPassage.citingSentence || bestSentence(citing.plain, analysis)
    quotes.push({ n: citing.n, quote: sentence })
    lines.push('', english ? `It is cited in: “${sentence}” [${citing.n}]` : `引用处：${sentence}[${citing.n}]`)
  }
  return { text: lines.join('\n'), cited: quotes.map((q) => q.n), abstained: false, quotes }
}

function bestSentence(text: string, analysis: QueryAnalysis): string {
  const spans = splitSentences(text).map((s) => text.slice(s.start, s.end).trim())
  return spans.sort((a, b) => termCoverage(analysis, b) - termCoverage(analysis, a))[0] ?? text
}

/** "Key terms: 技术转移 (technology transfer) …" for the translated terms the quotes contain. */
function keyTermGlosses(analysis: QueryAnalysis, quoted: string, glosses: (word: string) => string[]): string {
  const terms: string[] = []
  for (const t of analysis.translations) {
    const zh = t.chinese.find((c) => isHan(c) && quoted.includes(c))
    if (!zh || terms.some((x) => x.startsWith(zh))) continue
    const gloss = glosses(zh)[0] ?? t.english
    terms.push(`${zh} (${gloss})`)
  }
  return terms.length ? `Key terms: ${terms.join(' · ')}` : ''
}

function abstain(passages: CitedPassage[], english: boolean): ExtractiveAnswer {
  const related = passages.slice(0, 3)
  const lead = english ? 'The indexed documents do not seem to answer this question.' : '所检索的文献似乎没有回答这个问题。'
  const lines = related.map((p) => `- ${p.title}${p.section ? ` — ${p.section}` : ''} [${p.n}]`)
  const text = related.length ? [lead, '', english ? 'Possibly related:' : '可能相关的段落：', ...lines].join('\n') : lead
  return { text, cited: related.map((p) => p.n), abstained: true, quotes: [] }
}
