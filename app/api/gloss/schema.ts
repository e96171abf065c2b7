import { z } from 'zod'

export const MAX_GLOSS_BODY_BYTES = 40_000

export const GlossRequest = z.object({
  text: z.string().min(1, 'text must not be empty').max(5000, 'text is longer than 5000 characters'),
  context: z.string().max(2000).optional(),
})

export const GLOSS_EXAMPLE = '{"text": "技术转移"}'
