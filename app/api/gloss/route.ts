import { z } from 'zod'
import { glossWords } from '@/lib/answer/reading'
import { readJsonRequest } from '@/lib/http'

export const runtime = 'nodejs'

const GlossRequest = z.object({
  text: z.string().min(1, 'text must not be empty').max(5000, 'text is longer than 5000 characters'),
  context: z.string().max(2000).optional(),
})

/** The reading aid: a Chinese text's words with pinyin and CC-CEDICT senses. */
export async function POST(request: Request) {
  const parsed = await readJsonRequest(request, GlossRequest, 40_000, '{"text": "技术转移"}')
  if ('error' in parsed) return parsed.error
  return Response.json({ words: glossWords(parsed.data.text, parsed.data.context) })
}
