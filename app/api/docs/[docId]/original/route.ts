import { readFile } from 'node:fs/promises'
import { loadConfig } from '@/lib/config'
import { ApiError, apiHandler } from '@/lib/http'
import { originalPdf } from '@/lib/library'

export const runtime = 'nodejs'

type Params = { params: Promise<{ docId: string }> }

/** The document's original PDF (uploads and corpus files), for the viewer's "original page" view. */
export const GET = apiHandler('docs/[docId]/original', async (_request, { params }: Params) => {
  const { docId } = await params
  const path = originalPdf(loadConfig(), docId)
  if (!path) throw new ApiError('not_found', `no original PDF is kept for "${docId.slice(0, 200)}"`)
  return new Response(new Uint8Array(await readFile(path)), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(`${docId}.pdf`)}`,
      'cache-control': 'private, no-cache',
    },
  })
})
