import { documentJson } from '@/lib/corpus/view'
import { ApiError, apiHandler, indexUnavailable } from '@/lib/http'
import { getRetriever } from '@/lib/server'

export const runtime = 'nodejs'

export const GET = apiHandler('docs/[docId]', async (_request, { params }: { params: Promise<{ docId: string }> }) => {
  const { docId } = await params
  const { index } = await getRetriever().catch((err) => {
    throw indexUnavailable(err, 'docs/[docId]')
  })
  const doc = index.documents.find((d) => d.id === docId)
  if (!doc) throw new ApiError('not_found', `no document "${docId.slice(0, 200)}" in the index; GET /api/docs lists them`)
  return Response.json(documentJson(doc, index.chunks))
})
