import { chunkDocument } from '../chunk/chunk'
import { type CorpusFile, loadDocument } from '../corpus/load'
import { SourceFileError } from '../corpus/read'
import type { Embedder } from '../embed/types'
import { lexicalTermsOf, segmentBoth } from '../text/segment'
import type { Chunk, SourceDocument } from '../types'
import { type PackedDocument, packDocument } from './store'

/** What the ingest log says about a document. */
export type DocumentReport = Pick<SourceDocument, 'fileName' | 'encoding' | 'pageCount' | 'notices'>

/**
 * One file made ready for the store: read, chunked, embedded, tokenized and packed as the store
 * keeps it (so the thread that writes the store neither compresses nor receives the whole document).
 */
export interface PreparedFile {
  doc: PackedDocument
  report: DocumentReport
  chunks: Chunk[]
  vectors: Float32Array[]
  terms: string[][]
  embedSeconds: number
}

export type PrepareResult = { ok: PreparedFile } | { failed: { file: string; reason: string; message: string } }

/** Read, chunk, embed and tokenize one file; an unreadable file is a `failed` result, not an error. */
export async function prepareFile(file: CorpusFile, embedder: Embedder): Promise<PrepareResult> {
  let doc: SourceDocument
  try {
    doc = { ...(await loadDocument(file)), id: file.docId }
  } catch (err) {
    if (!(err instanceof SourceFileError)) throw err
    return { failed: { file: err.file, reason: err.reason, message: err.message } }
  }
  const chunks = await chunkDocument(doc)
  const started = performance.now()
  const texts = chunks.map((c) => c.indexText)
  // one jieba pass gives the embedder's words and the lexical index's
  const segmented = texts.map((text) => segmentBoth(text))
  const vectors = embedder.embedSegmented
    ? await embedder.embedSegmented(
        texts,
        segmented.map((s) => s.words),
      )
    : await embedder.embedDocuments(texts)
  const embedSeconds = (performance.now() - started) / 1000
  const report = { fileName: doc.fileName, encoding: doc.encoding, pageCount: doc.pageCount, notices: doc.notices }
  return { ok: { doc: packDocument(doc), report, chunks, vectors, terms: segmented.map((s) => lexicalTermsOf(s.searchWords)), embedSeconds } }
}
