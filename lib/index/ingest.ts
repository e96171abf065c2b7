import { CHUNKER_VERSION, chunkDocument } from '../chunk/chunk'
import { listCorpusFiles, loadDocument } from '../corpus/load'
import { SourceFileError } from '../corpus/read'
import type { Embedder } from '../embed/types'
import { loadGlossaryIntoSegmenter, readGlossary } from '../text/glossary'
import { lexicalTerms } from '../text/segment'
import type { Chunk, SourceDocument } from '../types'
import { LexicalIndex } from './lexical'
import { acquireLock, INDEX_FORMAT_VERSION, type IndexData, readIndexData, saveIndex } from './store'

export interface IngestOptions {
  corpusDir: string
  indexDir: string
  embedderId: string
  /** created only when something needs embedding */
  makeEmbedder: () => Promise<Embedder>
  log?: (message: string) => void
  /** called as chunks are embedded */
  onEmbedProgress?: (done: number, total: number) => void
}

export interface IngestSummary {
  documents: number
  chunks: number
  embedded: number
  reusedDocuments: number
  failed: { file: string; reason: string }[]
  upToDate: boolean
  seconds: number
  chunksPerSecond: number
}

/**
 * Build or update the index: unchanged documents keep their chunks and vectors, changed ones are
 * re-read and re-embedded, unreadable files are reported (keeping their previous version) and the
 * new index replaces the old one in a single rename.
 */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const release = acquireLock(options.indexDir)
  try {
    const files = listCorpusFiles(options.corpusDir)
    const glossary = readGlossary(options.corpusDir)
    loadGlossaryIntoSegmenter(glossary)
    let previous: IndexData | undefined
    try {
      previous = readIndexData(options.indexDir)
    } catch (err) {
      log(`The previous index could not be read (${(err as Error).message}); rebuilding it.`)
    }
    const reusable = previous && previous.manifest.embedder.id === options.embedderId && previous.manifest.chunker === CHUNKER_VERSION ? previous : undefined

    const documents: SourceDocument[] = []
    const chunks: Chunk[] = []
    const vectors: (Float32Array | undefined)[] = []
    const failed: IngestSummary['failed'] = []
    let reusedDocuments = 0
    const keepPrevious = (docId: string) => {
      const doc = reusable?.documents.find((d) => d.id === docId)
      if (!doc) return false
      documents.push(doc)
      reusable!.chunks.forEach((c, i) => {
        if (c.docId !== docId) return
        chunks.push(c)
        vectors.push(reusable!.vectors[i])
      })
      return true
    }

    for (const file of files) {
      const before = reusable?.manifest.documents.find((d) => d.id === file.docId)
      if (before && before.sha256 === file.sha256 && keepPrevious(file.docId)) {
        reusedDocuments++
        continue
      }
      try {
        const doc = loadDocument(file)
        const docChunks = await chunkDocument(doc)
        documents.push(doc)
        for (const c of docChunks) {
          chunks.push(c)
          vectors.push(undefined)
        }
        log(`${before ? 'changed' : 'new'}: ${doc.fileName} (${docChunks.length} chunks, ${doc.encoding})`)
      } catch (err) {
        if (!(err instanceof SourceFileError)) throw err
        failed.push({ file: err.file, reason: err.reason })
        log(`error: ${err.message}`)
        if (keepPrevious(file.docId)) log(`  kept the previously indexed version of ${file.docId}`)
      }
    }

    const toEmbed = chunks.map((_c, i) => (vectors[i] ? -1 : i)).filter((i) => i >= 0)
    const sameDocuments =
      reusable &&
      reusable.manifest.documents.length === documents.length &&
      documents.every((d) => reusable.manifest.documents.some((m) => m.id === d.id && m.sha256 === d.sha256)) &&
      JSON.stringify(reusable.manifest.glossary) === JSON.stringify(glossary)
    const seconds = () => (performance.now() - started) / 1000
    if (sameDocuments && toEmbed.length === 0) {
      return {
        documents: documents.length,
        chunks: chunks.length,
        embedded: 0,
        reusedDocuments,
        failed,
        upToDate: true,
        seconds: seconds(),
        chunksPerSecond: 0,
      }
    }
    if (!documents.length) throw new SourceFileError(options.corpusDir, 'no document could be ingested; the index was left as it was')

    let dimension = reusable?.manifest.embedder.dimension ?? 0
    if (toEmbed.length) {
      const embedder = await options.makeEmbedder()
      dimension = embedder.dimension
      const embedStarted = performance.now()
      const fresh = await embedder.embedDocuments(
        toEmbed.map((i) => chunks[i].indexText),
        (done) => options.onEmbedProgress?.(done, toEmbed.length),
      )
      toEmbed.forEach((chunkIndex, j) => {
        vectors[chunkIndex] = fresh[j]
      })
      log(`embedded ${toEmbed.length} chunks in ${((performance.now() - embedStarted) / 1000).toFixed(2)} s`)
    }

    const lexical = LexicalIndex.build(chunks.map((c) => lexicalTerms(c.indexText)))
    saveIndex(options.indexDir, {
      manifest: {
        format: INDEX_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        embedder: { id: options.embedderId, dimension },
        chunker: CHUNKER_VERSION,
        documents: documents.map((d) => ({
          id: d.id,
          fileName: d.fileName,
          sha256: d.sha256,
          title: d.meta.title,
          chunks: chunks.filter((c) => c.docId === d.id).length,
        })),
        chunkCount: chunks.length,
        ...(glossary ? { glossary } : {}),
      },
      documents,
      chunks,
      vectors: vectors as Float32Array[],
      lexical,
    })
    const total = seconds()
    return {
      documents: documents.length,
      chunks: chunks.length,
      embedded: toEmbed.length,
      reusedDocuments,
      failed,
      upToDate: false,
      seconds: total,
      chunksPerSecond: toEmbed.length / total,
    }
  } finally {
    release()
  }
}
