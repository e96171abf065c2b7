import { documentSummary } from '@/lib/corpus/view'
import { apiHandler, indexUnavailable } from '@/lib/http'
import { getRetriever } from '@/lib/server'

export const runtime = 'nodejs'

export const GET = apiHandler('docs', async () => {
  const { index } = await getRetriever().catch((err) => {
    throw indexUnavailable(err, 'docs')
  })
  return Response.json({ documents: index.documents.map(documentSummary) })
})
