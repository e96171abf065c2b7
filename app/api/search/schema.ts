import { z } from 'zod'

export const MAX_SEARCH_BODY_BYTES = 20_000

export const SearchRequest = z.object({
  query: z.string().trim().min(1, 'query must not be empty').max(2000, 'query is longer than 2000 characters'),
  k: z.number().int().min(1).max(50).default(5),
  docId: z.string().min(1).optional(),
})

export const SEARCH_EXAMPLE = '{"query": "...", "k": 5}'
