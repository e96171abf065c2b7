import type { ModelMessage } from 'ai'
import type { QueryAnalysis } from '../retrieve/analyze'
import { NOTHING_RELEVANT_THRESHOLD, type Retriever } from '../retrieve/retriever'
import type { Answer, Lang, Passage } from '../types'
import { checkSentence, SentenceBuffer } from './citations'
import { extractiveAnswer } from './extractive'
import { completeText, type LlmSettings, streamCompletion } from './llm'
import { type CitedPassage, numberPassages } from './passages'
import { answerSystemPrompt, answerUserPrompt, rewriteSystemPrompt } from './prompt'

/** One earlier turn of the conversation. */
export interface ChatTurn {
  role: 'user' | 'assistant'
  text: string
}

export type AnswerEvent =
  | { type: 'passages'; passages: CitedPassage[]; question: string; standalone: string; lang: Lang; mode: Answer['mode'] }
  | { type: 'text'; delta: string }
  | { type: 'notice'; message: string }
  | { type: 'done'; answer: Answer; passages: CitedPassage[] }

export interface AnswerOptions {
  retriever: Retriever
  llm?: LlmSettings
  /** passages given to the answerer */
  k?: number
}

// A follow-up that leans on the previous turn: a pronoun, a "what about …", or almost no content of its own.
const ELLIPTICAL =
  /^\s*(and|also|what about|how about|why|how so|in what way)\b|\b(it|its|they|them|their|this|that|these|those|he|she|his|her)\b|^\s*(那么?|还有|那|并且|而且|为什么|为何|怎么)|它|他们|她们|其|这些|那些|该|此/i

/** Offline follow-ups: an elliptical question borrows the previous question's words. */
export function contextualizeOffline(question: string, history: ChatTurn[], analyze: (q: string) => QueryAnalysis): string {
  const previous = [...history].reverse().find((t) => t.role === 'user')?.text
  if (!previous) return question
  const own = analyze(question).groups.reduce((s, g) => s + g.weight, 0)
  return ELLIPTICAL.test(question) || own < 1 ? `${previous} ${question}` : question
}

async function standaloneQuestion(question: string, history: ChatTurn[], options: AnswerOptions): Promise<string> {
  if (!history.length) return question
  if (options.llm) {
    try {
      const messages: ModelMessage[] = [
        ...history.slice(-6).map((t) => ({ role: t.role, content: t.text.slice(0, 2000) })),
        { role: 'user', content: question },
      ]
      const rewritten = await completeText(options.llm, rewriteSystemPrompt(), messages)
      if (rewritten && rewritten.length < 1000) return rewritten
    } catch {
      // the answer step reports an unreachable model; retrieval falls back to the offline rule
    }
  }
  return contextualizeOffline(question, history, (q) => options.retriever.analyze(q))
}

/** Passages to answer from: retrieved ones, plus for a cited footnote the passage carrying its marker. */
function passagesFor(retriever: Retriever, results: Passage[], citationQuestion: boolean): CitedPassage[] {
  const list = [...results]
  const citingOf = new Map(results.filter((p) => p.kind === 'reference').map((p) => [p.chunkId, retriever.citingChunk(p.chunkId)]))
  if (citationQuestion) {
    for (const ref of results.filter((p) => p.kind === 'reference').slice(0, 2)) {
      const citing = citingOf.get(ref.chunkId)?.chunk
      if (citing && !list.some((p) => p.chunkId === citing.id)) list.push(retriever.toPassage(citing, list.length + 1, 0))
    }
  }
  const numbered = numberPassages(list, new Map(retriever.index.documents.map((d) => [d.id, d])))
  for (const p of numbered) {
    const citing = citingOf.get(p.chunkId)
    if (!citing) continue
    p.citedBy = numbered.find((q) => q.chunkId === citing.chunk.id)?.n
    p.citingSentence = citing.sentence
  }
  return numbered
}

/**
 * Retrieve for the question (made standalone from the conversation), then answer with the LLM when
 * one is configured, else extractively. Yields the numbered passages first, then the text as it
 * is produced, then the checked answer.
 */
export async function* answerQuestion(question: string, history: ChatTurn[], options: AnswerOptions): AsyncGenerator<AnswerEvent> {
  const { retriever } = options
  const standalone = await standaloneQuestion(question, history, options)
  const search = await retriever.search(standalone, options.k ?? 6)
  const citationQuestion = search.analysis.citationIntent
  // the answer's language is the asker's, even when a follow-up was merged with an earlier question
  const lang = standalone === question ? search.lang : retriever.analyze(question).lang
  const passages = passagesFor(retriever, search.results, citationQuestion)
  const confident = search.confidence >= NOTHING_RELEVANT_THRESHOLD
  yield { type: 'passages', passages, question, standalone, lang, mode: options.llm ? 'llm' : 'extractive' }

  const warnings: string[] = []
  let text = ''
  let cited: number[] = []
  let abstained = false
  let mode: Answer['mode'] = 'extractive'
  let quotes = new Map<number, string>()

  if (options.llm && passages.length) {
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
      if (separator) yield { type: 'text', delta: separator }
    }
  }

  if (mode === 'extractive') {
    const result = await extractiveAnswer({
      analysis: search.analysis,
      passages,
      confident,
      citationQuestion,
      embedder: retriever.embedder,
      queryVector: search.queryVector,
      glosses: (w) => retriever.dictionary.glosses(w, 1),
    })
    text += result.text
    cited = result.cited
    abstained = result.abstained
    quotes = new Map(result.quotes.map((q) => [q.n, q.quote]))
    yield { type: 'text', delta: result.text }
  }

  for (const p of passages) p.cited = cited.includes(p.n)
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
    passages: search.results,
    ...(warnings.length ? { warnings } : {}),
  }
  yield { type: 'done', answer, passages }
}

/** Runs the whole answer and returns it (CLI, evaluation). */
export async function answerOnce(question: string, history: ChatTurn[], options: AnswerOptions): Promise<{ answer: Answer; passages: CitedPassage[] }> {
  for await (const event of answerQuestion(question, history, options)) if (event.type === 'done') return event
  throw new Error('the answerer ended without an answer')
}
