import { documentSummary } from '@/lib/corpus/view'
import { IndexError } from '@/lib/index/store'
import { getRetriever } from '@/lib/server'

export const runtime = 'nodejs'

export async function GET() {
  try {
    const { index } = await getRetriever()
    return Response.json({ documents: index.documents.map(documentSummary) })
  } catch (err) {
    return Response.json({ error: err instanceof Error ? err.message : String(err) }, { status: err instanceof IndexError ? 503 : 500 })
  }
}
