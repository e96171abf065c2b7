import { loadConfig } from '@/lib/config'
import { ApiError, apiHandler, readJsonBody } from '@/lib/http'
import { deleteDocument, editMetadata, MetadataEditError, reingest } from '@/lib/library'
import { MAX_METADATA_BODY_BYTES, METADATA_EXAMPLE, MetadataEditRequest } from './schema'

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

/** Edit the document's title, authors, year or URL: saved in its .meta.json sidecar, then the document is ingested again. */
export const PATCH = apiHandler('library/[docId]', async (request, { params }: Params) => {
  const { docId } = await params
  const edit = await readJsonBody(request, MetadataEditRequest, MAX_METADATA_BODY_BYTES, METADATA_EXAMPLE)
  let job: ReturnType<typeof editMetadata>
  try {
    job = editMetadata(loadConfig(), docId, edit)
  } catch (err) {
    if (err instanceof MetadataEditError) throw new ApiError('bad_request', err.message)
    throw err
  }
  if (!job) throw new ApiError('not_found', `no document "${docId.slice(0, 200)}" in the index`)
  return Response.json({ job }, { status: 202 })
})
