import type { Chunk, SourceDocument } from '../types'
import { formatCitation } from './cite'

/** What the documents API serves for one document: its normalized text and structure, references, chunk offsets. */
export function documentJson(doc: SourceDocument, chunks: Chunk[]) {
  return {
    id: doc.id,
    fileName: doc.fileName,
    meta: doc.meta,
    citation: formatCitation(doc.meta),
    text: doc.text,
    blocks: doc.blocks,
    sections: doc.sections,
    markers: doc.markers,
    references: doc.references,
    chunks: chunks.filter((c) => c.docId === doc.id).map((c) => ({ id: c.id, kind: c.kind, section: c.section, start: c.start, end: c.end, refId: c.refId })),
  }
}

export function documentSummary(doc: SourceDocument) {
  return {
    id: doc.id,
    title: doc.meta.title,
    titleEn: doc.meta.titleEn,
    authors: doc.meta.authors,
    references: doc.references.length,
    citation: formatCitation(doc.meta),
  }
}
