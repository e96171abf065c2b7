import { z } from 'zod'
import { passageJson } from '@/lib/format'
import { readJsonRequest } from '@/lib/http'
import { IndexError } from '@/lib/index/store'
import { getRetriever } from '@/lib/server'

export const runtime = 'nodejs'

const SearchRequest = z.object({
  query: z.string().trim().min(1, 'query must not be empty').max(2000, 'query is longer than 2000 characters'),
  k: z.number().int().min(1).max(50).default(5),
  docId: z.string().min(1).optional(),
})

export async function POST(request: Request) {
  const parsed = await readJsonRequest(request, SearchRequest, 20_000, '{"query": "...", "k": 5}')
  if ('error' in parsed) return parsed.error
  try {
    const retriever = await getRetriever()
    const { query, lang, results, confidence } = await retriever.search(parsed.data.query, parsed.data.k, 'hybrid', { docId: parsed.data.docId })
    // beyond the CLI contract: the matched terms, for highlighting hits
    return Response.json({ query, lang, results: results.map((p) => ({ ...passageJson(p), matched: p.matched ?? [] })), confidence })
  } catch (err) {
    const status = err instanceof IndexError ? 503 : 500
    return Response.json({ error: err instanceof Error ? err.message : String(err) }, { status })
  }
}
