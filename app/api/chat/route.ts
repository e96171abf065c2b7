import { createUIMessageStreamResponse } from 'ai'
import { llmSettings } from '@/lib/answer/llm'
import { answerUIStream } from '@/lib/answer/stream'
import { messageText } from '@/lib/answer/ui'
import { loadConfig } from '@/lib/config'
import { ApiError, apiHandler, clientAddress, indexUnavailable, readJsonBody } from '@/lib/http'
import { onStreamEnd, takeLlmSlot, takeRateLimit } from '@/lib/limits'
import { getRetriever, requestTurns } from '@/lib/server'
import { CHAT_EXAMPLE, ChatRequest, MAX_CHAT_BODY_BYTES, MAX_QUESTION_CHARS } from './schema'

export const runtime = 'nodejs'

export const POST = apiHandler('chat', async (request) => {
  await takeRateLimit('chat', clientAddress(request))
  const body = await readJsonBody(request, ChatRequest, MAX_CHAT_BODY_BYTES, CHAT_EXAMPLE)
  const messages = body.messages.filter((m) => m.role !== 'system')
  const last = messages[messages.length - 1]
  const question = last ? messageText(last).trim() : ''
  if (last?.role !== 'user' || !question) throw new ApiError('invalid_request', 'the last message must be a user question with text')
  if (question.length > MAX_QUESTION_CHARS) throw new ApiError('payload_too_large', `the question is longer than ${MAX_QUESTION_CHARS} characters; shorten it`)
  const history = messages.slice(0, -1).map((m) => ({ role: m.role as 'user' | 'assistant', text: messageText(m) }))

  const retriever = await getRetriever().catch((err) => {
    throw indexUnavailable(err, 'chat')
  })
  // the client went away while the index was loading: nothing to retrieve or ask for
  if (request.signal.aborted) return new Response(null, { status: 204 })
  const settings = llmSettings(loadConfig())
  // a disconnect aborts the language model's call; each LLM answer holds one of the bounded slots
  const llm = settings && { ...settings, signal: request.signal }
  const release = llm ? takeLlmSlot() : () => {}
  try {
    // offline answers are CPU work and take turns with searches; an LLM answer mostly waits for the model
    const stream = answerUIStream(question, history, { retriever, llm, embedderId: retriever.embedder.id, turns: llm ? undefined : requestTurns })
    return createUIMessageStreamResponse({ stream: onStreamEnd(stream, release) })
  } catch (err) {
    release()
    throw err
  }
})
