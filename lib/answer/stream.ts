import { createUIMessageStream } from 'ai'
import { log } from '../log'
import { atOnce, type Turns } from '../turns'
import { type AnswerEvent, type AnswerOptions, answerQuestion, type ChatTurn } from './answer'
import type { CitedPassage } from './passages'
import type { ChatMessage, CitationData } from './ui'

/** What the browser gets of a passage: the answerer's working fields (plain text, note links) left out. */
const citationData = ({ plain, citedBy, citingSentence, ...shown }: CitedPassage): CitationData => ({ ...shown, cited: shown.cited ?? false })

/**
 * The answer as an AI SDK UI message stream: the numbered passages first (a data part, replaced
 * with the cited flags at the end), then the text as it is produced, then the answer's metadata.
 */
export function answerUIStream(question: string, history: ChatTurn[], options: AnswerOptions & { embedderId: string; turns?: Turns }) {
  return createUIMessageStream<ChatMessage>({
    execute: async ({ writer }) => {
      writer.write({ type: 'start' })
      let textOpen = false
      const events: AsyncGenerator<AnswerEvent> = answerQuestion(question, history, options)
      const turns = options.turns ?? atOnce
      for (let step = await turns(() => events.next()); !step.done; step = await turns(() => events.next())) {
        const event = step.value
        if (event.type === 'passages') {
          writer.write({ type: 'data-citations', id: 'citations', data: { passages: event.passages.map(citationData) } })
          writer.write({
            type: 'data-meta',
            id: 'meta',
            data: {
              mode: event.mode,
              embedder: options.embedderId,
              lang: event.lang,
              ...(event.standalone !== question ? { standalone: event.standalone } : {}),
            },
          })
        } else if (event.type === 'text') {
          if (!textOpen) writer.write({ type: 'text-start', id: 'answer' })
          textOpen = true
          writer.write({ type: 'text-delta', id: 'answer', delta: event.delta })
        } else if (event.type === 'notice') {
          writer.write({ type: 'data-notice', data: { message: event.message } })
        } else {
          if (textOpen) writer.write({ type: 'text-end', id: 'answer' })
          const { answer, passages } = event
          writer.write({ type: 'data-citations', id: 'citations', data: { passages: passages.map(citationData) } })
          writer.write({
            type: 'data-meta',
            id: 'meta',
            data: {
              mode: answer.mode,
              embedder: options.embedderId,
              lang: answer.lang,
              abstained: answer.abstained,
              ...(answer.warnings ? { warnings: answer.warnings } : {}),
            },
          })
        }
      }
      writer.write({ type: 'finish' })
    },
    onError: (err) => {
      log().error({ err }, 'answer stream failed')
      return 'the answer failed; the details are in the server log'
    },
  })
}
