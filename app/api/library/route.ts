import { loadConfig } from '@/lib/config'
import { ApiError, apiHandler, readCapped } from '@/lib/http'
import { addUpload, libraryJobs, listLibrary, MAX_UPLOAD_BYTES, uploadProblem } from '@/lib/library'

export const runtime = 'nodejs'

/** The indexed documents and the uploads being ingested. */
export const GET = apiHandler('library', async () => {
  const config = loadConfig()
  return Response.json({ documents: listLibrary(config), jobs: libraryJobs() })
})

/** One file as the raw body, its name in `X-File-Name` (URI-encoded): stored, then ingested in the background. */
export const POST = apiHandler('library', async (request) => {
  const name = decodeURIComponent(request.headers.get('x-file-name') ?? '').trim()
  if (!name) throw new ApiError('bad_request', 'send the file name in the X-File-Name header (URI-encoded)')
  const tooLarge = () => new ApiError('payload_too_large', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)
  if (Number(request.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES) {
    await request.body?.cancel()
    throw tooLarge()
  }
  const bytes = await readCapped(request.body, MAX_UPLOAD_BYTES)
  if (!bytes) throw tooLarge()
  if (!bytes.length) throw new ApiError('bad_request', 'the file is empty')
  const problem = uploadProblem(name, bytes)
  if (problem) throw new ApiError('unsupported_media_type', problem)
  return Response.json({ job: addUpload(loadConfig(), name, bytes) }, { status: 202 })
})
