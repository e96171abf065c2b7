import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { APICallError, generateText, type LanguageModel, type ModelMessage, RetryError, streamText } from 'ai'
import type { Config } from '../config'
import { log, withoutCredentials } from '../log'

export interface LlmSettings {
  baseURL: string
  apiKey?: string
  model: string
  timeoutMs: number
  /** aborts the call early, e.g. when the client that asked has gone away */
  signal?: AbortSignal
}

export function llmSettings(config: Config): LlmSettings | undefined {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return undefined
  return { baseURL: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, model: config.LLM_MODEL, timeoutMs: config.LLM_TIMEOUT_MS }
}

/** Any OpenAI-compatible server: OpenAI, DeepSeek, Qwen (DashScope), Ollama, vLLM, LM Studio, llama.cpp. */
export function languageModel(settings: LlmSettings): LanguageModel {
  return createOpenAICompatible({ name: 'llm', baseURL: settings.baseURL, apiKey: settings.apiKey }).chatModel(settings.model)
}

/** A failed call to the language model, with a message a user can act on. */
export class LlmError extends Error {}

/**
 * The failure in words for the user (no URL, no upstream text: those can carry credentials or
 * internals); the full detail goes to the server log.
 */
export function describeLlmError(err: unknown, settings: LlmSettings): LlmError {
  if (err instanceof LlmError) return err
  const cause = err instanceof RetryError ? err.lastError : err
  const text = describe(cause)
  const status = APICallError.isInstance(cause) ? cause.statusCode : undefined
  log().warn({ llm: withoutCredentials(settings.baseURL), model: settings.model, status, detail: text.slice(0, 500) }, 'language model call failed')
  const where = 'the language model'
  if (status === 401 || status === 403) return new LlmError(`${where} refused the request (HTTP ${status}): check LLM_API_KEY`)
  if (status === 404) return new LlmError(`${where} does not know the configured model (HTTP 404): check LLM_MODEL`)
  if (status) return new LlmError(`${where} failed (HTTP ${status})`)
  if (settings.signal?.aborted) return new LlmError(`${where} call was cancelled`)
  if (/abort|timeout/i.test(text)) return new LlmError(`${where} did not answer within ${Math.round(settings.timeoutMs / 1000)} s`)
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|Cannot connect|ECONNRESET/i.test(text)) return new LlmError(`cannot reach ${where}: check LLM_BASE_URL`)
  return new LlmError(`${where} failed`)
}

/** The call's deadline, and the caller's cancellation when there is one. */
const callSignal = (settings: LlmSettings) =>
  settings.signal ? AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), settings.signal]) : AbortSignal.timeout(settings.timeoutMs)

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const cause = (err as { cause?: unknown }).cause
  return cause instanceof Error ? `${err.message}: ${describe(cause)}` : err.name === 'TimeoutError' ? 'timeout' : err.message
}

/** What every call to the model shares: deterministic, no retries (the caller falls back offline), bounded in time. */
const callOptions = (settings: LlmSettings, system: string, messages: ModelMessage[]) => ({
  model: languageModel(settings),
  instructions: system,
  messages,
  temperature: 0,
  maxRetries: 0,
  abortSignal: callSignal(settings),
})

/** Streams the model's text; any failure (refused, HTTP error, timeout, broken stream) is thrown as LlmError. */
export async function* streamCompletion(settings: LlmSettings, system: string, messages: ModelMessage[]): AsyncGenerator<string> {
  try {
    const result = streamText({
      ...callOptions(settings, system, messages),
      onError: () => {}, // reported through the stream's error part below
    })
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') yield part.text
      else if (part.type === 'error') throw part.error
      else if (part.type === 'abort') throw new Error('timeout')
    }
  } catch (err) {
    throw describeLlmError(err, settings)
  }
}

export async function completeText(settings: LlmSettings, system: string, messages: ModelMessage[]): Promise<string> {
  try {
    const { text } = await generateText(callOptions(settings, system, messages))
    return text.trim()
  } catch (err) {
    throw describeLlmError(err, settings)
  }
}
