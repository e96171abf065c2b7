import { loadConfig } from '@/lib/config'
import { ApiError, apiHandler } from '@/lib/http'
import { deleteDocument, reingest } from '@/lib/library'

export const runtime = 'nodejs'

type Params = { params: Promise<{ docId: string }> }

/** Remove a document from the index (and its uploaded file). */
export const DELETE = apiHandler('library/[docId]', async (_request, { params }: Params) => {
  const { docId } = await params
  if (!(await deleteDocument(loadConfig(), docId))) throw new ApiError('not_found', `no document "${docId.slice(0, 200)}" in the index`)
  return Response.json({ deleted: docId })
})

/** Read and embed an uploaded document again. */
export const POST = apiHandler('library/[docId]', async (_request, { params }: Params) => {
  const { docId } = await params
  const job = reingest(loadConfig(), docId)
  if (!job)
    throw new ApiError('not_found', `no uploaded document "${docId.slice(0, 200)}" (documents of the corpus folder are re-ingested with npm run ingest)`)
  return Response.json({ job }, { status: 202 })
})
