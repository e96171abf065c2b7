import { documentJson } from '@/lib/corpus/view'
import { IndexError } from '@/lib/index/store'
import { getRetriever } from '@/lib/server'

export const runtime = 'nodejs'

export async function GET(_request: Request, { params }: { params: Promise<{ docId: string }> }) {
  const { docId } = await params
  try {
    const { index } = await getRetriever()
    const doc = index.documents.find((d) => d.id === docId)
    if (!doc) return Response.json({ error: `no document "${docId}" in the index` }, { status: 404 })
    return Response.json(documentJson(doc, index.chunks))
  } catch (err) {
    return Response.json({ error: err instanceof Error ? err.message : String(err) }, { status: err instanceof IndexError ? 503 : 500 })
  }
}
