import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers'
import { loadTransformersModel, TRANSFORMERS_PREFIX } from '../embed/transformers'

/** Scores (question, passage) pairs; higher is more relevant. */
export interface Reranker {
  readonly id: string
  score(question: string, passages: string[]): Promise<number[]>
}

/**
 * A transformers.js cross-encoder (e.g. a bge-reranker exported to ONNX), loaded like the embedder.
 * The model is run directly rather than through the text-classification pipeline, whose softmax
 * over a single relevance logit would give every pair the same score.
 */
export class CrossEncoderReranker implements Reranker {
  private constructor(
    readonly id: string,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
  ) {}

  static async load(model: string, options: { cacheDir: string; log?: (m: string) => void }): Promise<CrossEncoderReranker> {
    const [tokenizer, classifier] = await loadTransformersModel(model, options, (t, id, o) =>
      Promise.all([t.AutoTokenizer.from_pretrained(id, o), t.AutoModelForSequenceClassification.from_pretrained(id, o)]),
    )
    return new CrossEncoderReranker(`${TRANSFORMERS_PREFIX}${model}`, tokenizer, classifier)
  }

  async score(question: string, passages: string[]): Promise<number[]> {
    if (!passages.length) return []
    const inputs = this.tokenizer(
      passages.map(() => question),
      { text_pair: passages, padding: true, truncation: true },
    )
    const { logits } = (await this.model(inputs)) as { logits: Tensor }
    const [rows, labels] = logits.dims
    const data = logits.data as Float32Array
    // one logit: relevance; two (not relevant, relevant): their difference
    return Array.from({ length: rows }, (_, i) => (labels === 1 ? data[i] : data[i * labels + labels - 1] - data[i * labels]))
  }
}
