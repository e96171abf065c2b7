import { cpSync, mkdtempSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { listCorpusFiles, loadDocument } from '../lib/corpus/load'
import type { SourceDocument } from '../lib/types'
import { type ScriptedLlm, startScriptedLlm } from './fixtures/scripted-llm'

export const CORPUS_DIR = join(import.meta.dirname, '..', 'corpus')
export const CACHE_DIR = join(import.meta.dirname, '..', 'data', 'cache')

export async function shippedDocuments(): Promise<Record<'zheng' | 'tang', SourceDocument>> {
  const docs = await Promise.all(listCorpusFiles(CORPUS_DIR).map(loadDocument))
  return { zheng: docs.find((d) => d.id.startsWith('zheng'))!, tang: docs.find((d) => d.id.startsWith('tang'))! }
}

/** A scratch copy of the shipped corpus. */
export function corpusCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'))
  for (const name of readdirSync(CORPUS_DIR)) cpSync(join(CORPUS_DIR, name), join(dir, name))
  return dir
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix))

/** A loopback port that nothing listens on (just released). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

/** Ingest a corpus (the shipped one by default) with the built-in embedder; returns the index folder (a fresh one by default). */
export async function ingestBuiltin(corpusDir = CORPUS_DIR, indexDir = join(tempDir('index-'), 'index')): Promise<string> {
  // imported here so that test files which only need the fixtures above stay light
  const [{ ingest }, { BUILTIN_EMBEDDER_ID, createEmbedder }] = await Promise.all([import('../lib/index/ingest'), import('../lib/embed')])
  await ingest({ corpusDir, indexDir, embedderId: BUILTIN_EMBEDDER_ID, makeEmbedder: () => createEmbedder(BUILTIN_EMBEDDER_ID, { cacheDir: CACHE_DIR }) })
  return indexDir
}

/**
 * For a suite that calls the route handlers in-process: an index of the shipped corpus and a
 * scripted LLM server for the whole suite, the environment restored after it, and the `cleared`
 * variables unset before each test.
 */
export function routeTestEnvironment(cleared: string[]): { readonly llm: ScriptedLlm } {
  let llm: ScriptedLlm | undefined
  const saved = { ...process.env }
  beforeAll(async () => {
    process.env.INDEX_DIR = await ingestBuiltin()
    process.env.CACHE_DIR = CACHE_DIR
    llm = await startScriptedLlm()
  })
  beforeEach(() => {
    for (const k of cleared) delete process.env[k]
  })
  afterAll(async () => {
    process.env = saved
    await llm?.close()
  })
  return {
    get llm() {
      return llm!
    },
  }
}
