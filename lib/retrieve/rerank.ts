import type { TextClassificationPipeline } from '@huggingface/transformers'
import { loadTransformersPipeline } from '../embed/transformers'

/** Scores (question, passage) pairs; higher is more relevant. */
export interface Reranker {
  readonly id: string
  score(question: string, passages: string[]): Promise<number[]>
}

/** A transformers.js cross-encoder (e.g. a bge-reranker exported to ONNX), loaded like the embedder. */
export class CrossEncoderReranker implements Reranker {
  private constructor(
    readonly id: string,
    private readonly classify: TextClassificationPipeline,
  ) {}

  static async load(model: string, options: { cacheDir: string; log?: (m: string) => void }): Promise<CrossEncoderReranker> {
    const pipe = await loadTransformersPipeline<TextClassificationPipeline>('text-classification', model, options)
    return new CrossEncoderReranker(`transformers:${model}`, pipe)
  }

  async score(question: string, passages: string[]): Promise<number[]> {
    const out: number[] = []
    for (const passage of passages) {
      const result = (await this.classify({ text: question, text_pair: passage } as never, { top_k: 1 } as never)) as unknown as { score: number }[] | { score: number }
      out.push(Array.isArray(result) ? result[0].score : result.score)
    }
    return out
  }
}
