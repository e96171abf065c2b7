import { z } from 'zod'

export const MAX_CHAT_BODY_BYTES = 200_000
export { MAX_QUESTION_CHARS } from '@/lib/answer/ui'

// What useChat sends: the conversation as UI messages; only their text matters here.
export const ChatRequest = z.object({
  messages: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant', 'system']),
        parts: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
      }),
    )
    .min(1, 'messages must not be empty'),
})

export const CHAT_EXAMPLE = '{"messages": [{"role": "user", "parts": [{"type": "text", "text": "..."}]}]}'
