import { glossWords } from '@/lib/answer/reading'
import { apiHandler, clientAddress, readJsonBody } from '@/lib/http'
import { takeRateLimit } from '@/lib/limits'
import { GLOSS_EXAMPLE, GlossRequest, MAX_GLOSS_BODY_BYTES } from './schema'

export const runtime = 'nodejs'

/** The reading aid: a Chinese text's words with pinyin and CC-CEDICT senses. */
export const POST = apiHandler('gloss', async (request) => {
  await takeRateLimit('search', clientAddress(request))
  const { text, context } = await readJsonBody(request, GlossRequest, MAX_GLOSS_BODY_BYTES, GLOSS_EXAMPLE)
  return Response.json({ words: glossWords(text, context) })
})
