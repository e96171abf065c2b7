import { loadDocument, listDocumentPaths } from '../lib/corpus/load.ts'
import { chunkDocument } from '../lib/chunk/chunk.ts'
for (const f of listDocumentPaths(process.argv.slice(2))) {
  const d = await loadDocument(f)
  console.log(f.docId, d.meta, d.pageCount, d.notices, d.references.map(r => [r.label, r.text, r.citedAt]), d.sections.map(s=>s.title))
  for (const c of await chunkDocument(d)) console.log(c.kind, c.page, c.pageEnd, c.section.join('>'), JSON.stringify(c.text.slice(0, 30)), '…', JSON.stringify(c.text.slice(-20)))
}
