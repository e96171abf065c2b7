import { createUIMessageStreamResponse } from 'ai'
import { z } from 'zod'
import { llmSettings } from '@/lib/answer/llm'
import { answerUIStream } from '@/lib/answer/stream'
import { messageText } from '@/lib/answer/ui'
import { loadConfig } from '@/lib/config'
import { readJsonRequest } from '@/lib/http'
import { IndexError } from '@/lib/index/store'
import { getRetriever } from '@/lib/server'

export const runtime = 'nodejs'

const MAX_BODY = 200_000
const MAX_QUESTION = 2000

// What useChat sends: the conversation as UI messages; only their text matters here.
const ChatRequest = z.object({
  messages: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant', 'system']),
        parts: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
      }),
    )
    .min(1, 'messages must not be empty'),
})

export async function POST(request: Request) {
  const parsed = await readJsonRequest(request, ChatRequest, MAX_BODY, '{"messages": [...]}')
  if ('error' in parsed) return parsed.error
  const messages = parsed.data.messages.filter((m) => m.role !== 'system')
  const last = messages[messages.length - 1]
  const question = last ? messageText(last).trim() : ''
  if (last?.role !== 'user' || !question) return Response.json({ error: 'the last message must be a user question' }, { status: 400 })
  if (question.length > MAX_QUESTION) return Response.json({ error: `the question is longer than ${MAX_QUESTION} characters` }, { status: 413 })
  const history = messages.slice(0, -1).map((m) => ({ role: m.role as 'user' | 'assistant', text: messageText(m) }))

  try {
    const config = loadConfig()
    const retriever = await getRetriever()
    const stream = answerUIStream(question, history, { retriever, llm: llmSettings(config), embedderId: retriever.embedder.id })
    return createUIMessageStreamResponse({ stream })
  } catch (err) {
    const status = err instanceof IndexError ? 503 : 500
    return Response.json({ error: err instanceof Error ? err.message : String(err) }, { status })
  }
}
