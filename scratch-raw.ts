import { createServer } from 'node:http'
import { passageJson } from './lib/format'
import { getRetriever } from './lib/server'

await getRetriever()
createServer(async (req, res) => {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c)
  const { query, k } = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  const r = await getRetriever()
  const out = await r.search(query, k, 'hybrid', {})
  const body = JSON.stringify({
    query: out.query,
    lang: out.lang,
    results: out.results.map((p) => ({ ...passageJson(p), matched: p.matched ?? [] })),
    confidence: out.confidence,
  })
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(body)
}).listen(3602, '127.0.0.1', () => console.log('up'))
