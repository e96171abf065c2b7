import { passageJson } from '@/lib/format'
import { apiHandler, clientAddress, indexUnavailable, readJsonBody } from '@/lib/http'
import { takeRateLimit } from '@/lib/limits'
import { getRetriever } from '@/lib/server'
import { MAX_SEARCH_BODY_BYTES, SEARCH_EXAMPLE, SearchRequest } from './schema'

export const runtime = 'nodejs'

export const POST = apiHandler('search', async (request) => {
  await takeRateLimit('search', clientAddress(request))
  const { query: q, k, docId } = await readJsonBody(request, SearchRequest, MAX_SEARCH_BODY_BYTES, SEARCH_EXAMPLE)
  const retriever = await getRetriever().catch((err) => {
    throw indexUnavailable(err, 'search')
  })
  const { query, lang, results, confidence } = await retriever.search(q, k, 'hybrid', { docId })
  // beyond the CLI contract: the matched terms, for highlighting hits
  return Response.json({ query, lang, results: results.map((p) => ({ ...passageJson(p), matched: p.matched ?? [] })), confidence })
})
