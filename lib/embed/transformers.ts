import { existsSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import type { FeatureExtractionPipeline } from '@huggingface/transformers'
import { type Embedder, normalizeVector } from './types'

export const TRANSFORMERS_PREFIX = 'transformers:'

/** How a model family wants its inputs and outputs treated. */
export interface ModelFamily {
  pooling: 'mean' | 'cls'
  queryPrefix: string
  passagePrefix: string
}

export function modelFamily(model: string): ModelFamily {
  const name = model.toLowerCase()
  if (/(^|[/_-])e5([_-]|$)|multilingual-e5/.test(name)) return { pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' }
  if (/bge/.test(name)) return { pooling: 'cls', queryPrefix: '', passagePrefix: '' }
  return { pooling: 'mean', queryPrefix: '', passagePrefix: '' }
}

export class ModelUnavailableError extends Error {}

type Transformers = typeof import('@huggingface/transformers')

/**
 * Load a transformers.js model (a hub id, cached, or a local folder) and fail fast with a way out.
 * `load` receives the library and the id to pass to its from_pretrained/pipeline functions.
 */
export async function loadTransformersModel<T>(
  model: string,
  options: { cacheDir: string; log?: (message: string) => void },
  load: (transformers: Transformers, id: string, loadOptions: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  const transformers = await import('@huggingface/transformers')
  const { env } = transformers
  const local = existsSync(model) && statSync(model).isDirectory()
  let id = model
  if (local) {
    const path = resolve(model)
    env.allowLocalModels = true
    env.allowRemoteModels = false
    env.localModelPath = `${dirname(path)}/`
    id = basename(path)
  } else {
    env.allowRemoteModels = true
    env.cacheDir = options.cacheDir
  }
  const seen = new Set<string>()
  const loadOptions = {
    dtype: 'fp32',
    progress_callback: (p: { status: string; file?: string; progress?: number }) => {
      if (local || p.status !== 'progress' || !p.file || p.progress === undefined) return
      const key = `${p.file}:${Math.floor(p.progress / 10)}`
      if (!seen.has(key)) {
        seen.add(key)
        options.log?.(`downloading ${p.file}: ${Math.round(p.progress)}%`)
      }
    },
  }
  try {
    return await load(transformers, id, loadOptions)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new ModelUnavailableError(
      `Cannot load the transformers model "${model}" (${reason.split('\n')[0]}). ` +
        (local
          ? 'The folder needs config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx.'
          : 'Without internet access, download it on another machine and point to its local folder, ' +
            'e.g. EMBEDDER=transformers:/path/to/multilingual-e5-small (with config.json, tokenizer files and onnx/model.onnx).'),
    )
  }
}

/** Any feature-extraction model run by transformers.js (ONNX), with the family's prefixes and pooling. */
export class TransformersEmbedder implements Embedder {
  readonly id: string
  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly model: string,
    readonly dimension: number,
    private readonly family: ModelFamily,
  ) {
    this.id = `${TRANSFORMERS_PREFIX}${model}`
  }

  static async load(model: string, options: { cacheDir: string; log?: (message: string) => void }): Promise<TransformersEmbedder> {
    const extractor = await loadTransformersModel(model, options, (t, id, o) => t.pipeline('feature-extraction', id, o) as Promise<FeatureExtractionPipeline>)
    const family = modelFamily(model)
    const probe = await extractor('probe', { pooling: family.pooling, normalize: true })
    return new TransformersEmbedder(extractor, model, probe.dims[probe.dims.length - 1], family)
  }

  private async embed(texts: string[]): Promise<Float32Array[]> {
    const output = await this.extractor(texts, { pooling: this.family.pooling, normalize: true })
    const data = output.data as Float32Array
    return texts.map((_, i) => normalizeVector(data.slice(i * this.dimension, (i + 1) * this.dimension)))
  }

  async embedDocuments(texts: string[], onProgress?: (done: number) => void): Promise<Float32Array[]> {
    const out: Float32Array[] = []
    const batch = 8
    for (let i = 0; i < texts.length; i += batch) {
      out.push(...(await this.embed(texts.slice(i, i + batch).map((t) => this.family.passagePrefix + t))))
      onProgress?.(out.length)
    }
    return out
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return (await this.embed([this.family.queryPrefix + text]))[0]
  }
}
