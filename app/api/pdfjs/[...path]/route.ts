import { readFile } from 'node:fs/promises'
import { pdfjsAsset } from '@/lib/corpus/pdfjs-assets'
import { ApiError, apiHandler } from '@/lib/http'

export const runtime = 'nodejs'

type Params = { params: Promise<{ path: string[] }> }

/** pdf.js's browser build and the files it loads (worker, CMaps, fonts), from the installed package. */
export const GET = apiHandler('pdfjs', async (_request, { params }: Params) => {
  const path = (await params).path.join('/')
  const asset = pdfjsAsset(path)
  if (!asset) throw new ApiError('not_found', `no pdf.js file "${path.slice(0, 200)}"`)
  return new Response(new Uint8Array(await readFile(asset.file)), {
    headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' },
  })
})
