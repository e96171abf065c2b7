import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmbedder } from '../../lib/embed'
import { ModelUnavailableError, modelFamily, TransformersEmbedder } from '../../lib/embed/transformers'
import { ingest } from '../../lib/index/ingest'
import { readManifest } from '../../lib/index/store'
import { CrossEncoderReranker } from '../../lib/retrieve/rerank'
import { Retriever } from '../../lib/retrieve/retriever'
import { buildTinyEmbedder, buildTinyReranker } from '../fixtures/tiny-model'
import { CACHE_DIR, tempDir } from '../helpers'

// concepts shared by Chinese characters and English words: the tiny model's only "knowledge"
const CONCEPTS = [
  ['技', '术', 'technology'],
  ['俄', 'russia'],
  ['能', '源', 'energy'],
  ['农', '业', 'agriculture'],
]
const cacheDir = tempDir('hf-cache-')

describe('transformers.js embedder (tiny ONNX model built by the test)', () => {
  it('loads a local folder, embeds bilingually, and drives ingest + search end to end', async () => {
    const model = buildTinyEmbedder(join(tempDir('models-'), 'tiny-bert'), CONCEPTS)
    const embedder = await TransformersEmbedder.load(model, { cacheDir })
    expect(embedder.dimension).toBe(CONCEPTS.length + 1)
    const [tech, energy] = await embedder.embedDocuments(['技术合作', '能源合作'])
    const query = await embedder.embedQuery('technology')
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0)
    expect(dot(query, tech)).toBeGreaterThan(dot(query, energy) + 0.3)

    const corpus = tempDir('corpus-')
    writeFileSync(join(corpus, 'energy.txt'), '能源合作\n\n双方在能源领域的合作不断深化，油气贸易规模扩大。')
    writeFileSync(join(corpus, 'tech.txt'), '技术合作\n\n双方在技术领域的联合研发与技术转移取得进展。')
    writeFileSync(join(corpus, 'farm.txt'), '农业合作\n\n农业贸易增长，粮食进口多元化。')
    const indexDir = join(tempDir('index-'), 'index')
    const embedderId = `transformers:${model}`
    const summary = await ingest({ corpusDir: corpus, indexDir, embedderId, makeEmbedder: () => createEmbedder(embedderId, { cacheDir }) })
    expect(summary).toMatchObject({ documents: 3, failed: [] })
    expect(readManifest(indexDir)).toMatchObject({ embedder: { id: embedderId, dimension: CONCEPTS.length + 1 } })

    const retriever = await Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR: cacheDir, EMBEDDER: embedderId })
    const { results } = await retriever.search('agriculture', 3, 'dense')
    expect(results[0].docId).toBe('farm')
  })

  it('applies the model family conventions (e5 prefixes + mean pooling, bge CLS pooling)', () => {
    expect(modelFamily('intfloat/multilingual-e5-small')).toEqual({ pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' })
    expect(modelFamily('/models/bge-small-zh-v1.5')).toMatchObject({ pooling: 'cls', queryPrefix: '' })
  })

  it('fails fast with how to supply a local folder', async () => {
    const broken = join(tempDir('models-'), 'broken-model')
    mkdirSync(broken)
    writeFileSync(join(broken, 'config.json'), '{"model_type":"bert"}')
    await expect(TransformersEmbedder.load(broken, { cacheDir })).rejects.toThrow(/needs config.json, tokenizer.json.*onnx\/model.onnx/)
    const offline = TransformersEmbedder.load('no-such-org/no-such-model-xyz', { cacheDir })
    await expect(offline).rejects.toBeInstanceOf(ModelUnavailableError)
    await expect(offline).rejects.toThrow(/point to its local folder/)
  })
})

describe('cross-encoder reranker (tiny ONNX model built by the test)', () => {
  it('scores a passage about the question above one that is not, and reorders retrieval when configured', async () => {
    // this reranker only "knows" that agriculture matters
    const model = buildTinyReranker(join(tempDir('models-'), 'tiny-reranker'), CONCEPTS, [3])
    const reranker = await CrossEncoderReranker.load(model, { cacheDir })
    const [farm, energy] = await reranker.score('贸易', ['农业贸易', '能源贸易'])
    expect(farm).toBeGreaterThan(energy)

    const corpus = tempDir('corpus-')
    writeFileSync(join(corpus, 'energy.txt'), '能源贸易\n\n能源贸易，能源贸易，能源贸易。')
    writeFileSync(join(corpus, 'farm.txt'), '农业贸易\n\n农业贸易增长。')
    const indexDir = join(tempDir('index-'), 'index')
    await ingest({ corpusDir: corpus, indexDir, embedderId: 'builtin-cedict', makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: CACHE_DIR }) })
    const plain = await Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR, EMBEDDER: 'builtin-cedict' })
    const reranked = await Retriever.open({ INDEX_DIR: indexDir, CACHE_DIR, EMBEDDER: 'builtin-cedict', RERANKER: model })
    expect((await plain.search('贸易', 2, 'lexical')).results[0].docId).toBe('energy')
    expect((await reranked.search('贸易', 2, 'lexical')).results[0].docId).toBe('farm')
  })
})
