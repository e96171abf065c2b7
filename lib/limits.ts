import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { z } from 'zod'
import { ApiError } from './http'

// Abuse limits of the web service, from the environment (0 turns a rate limit off).
const LimitsSchema = z.object({
  RATE_LIMIT_CHAT: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_SEARCH: z.coerce.number().int().min(0).default(300),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().positive().default(60),
  LLM_MAX_CONCURRENT: z.coerce.number().int().positive().default(4),
})
export type Limits = z.infer<typeof LimitsSchema>

const LIMIT_VARIABLES = Object.keys(LimitsSchema.shape)
let lastLimits: { key: string; limits: Limits } | undefined

/** The limits the environment sets (parsed again only when one of their variables changed: read on every request). */
export function loadLimits(env: NodeJS.ProcessEnv = process.env): Limits {
  const key = LIMIT_VARIABLES.map((name) => env[name]).join('\u0000')
  if (lastLimits?.key !== key) lastLimits = { key, limits: parseLimits(env) }
  return lastLimits.limits
}

function parseLimits(env: NodeJS.ProcessEnv): Limits {
  const parsed = LimitsSchema.safeParse(env)
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return parsed.data
}

type Bucket = 'chat' | 'search'
const shared = globalThis as typeof globalThis & { __rateLimiters?: Map<string, RateLimiterMemory>; __llmSlots?: { used: number } }

function limiter(bucket: Bucket, points: number, windowS: number): RateLimiterMemory {
  shared.__rateLimiters ??= new Map()
  const key = `${bucket}:${points}:${windowS}` // a changed configuration (tests) gets a fresh limiter
  let found = shared.__rateLimiters.get(key)
  if (!found) shared.__rateLimiters.set(key, (found = new RateLimiterMemory({ keyPrefix: bucket, points, duration: windowS })))
  return found
}

/** Counts one request of this client against the bucket's limit; past it, throws 429 with Retry-After. */
export async function takeRateLimit(bucket: Bucket, client: string, limits: Limits = loadLimits()): Promise<void> {
  const points = bucket === 'chat' ? limits.RATE_LIMIT_CHAT : limits.RATE_LIMIT_SEARCH
  if (points === 0) return
  try {
    await limiter(bucket, points, limits.RATE_LIMIT_WINDOW_S).consume(client)
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res
    const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000))
    throw new ApiError('rate_limited', `too many ${bucket} requests: at most ${points} per ${limits.RATE_LIMIT_WINDOW_S} s; retry after ${retryAfter} s`, {
      'Retry-After': String(retryAfter),
    })
  }
}

/**
 * Reserves one of the LLM_MAX_CONCURRENT slots for a language-model answer, or throws 503 with
 * Retry-After when all are taken. The returned release is idempotent.
 */
export function takeLlmSlot(limits: Limits = loadLimits()): () => void {
  shared.__llmSlots ??= { used: 0 }
  const slots = shared.__llmSlots
  if (slots.used >= limits.LLM_MAX_CONCURRENT)
    throw new ApiError('busy', `the language model is answering ${slots.used} questions already; retry in a few seconds`, { 'Retry-After': '5' })
  slots.used++
  let released = false
  return () => {
    if (!released) slots.used--
    released = true
  }
}

/** The stream, calling `onEnd` once when it is read to the end, fails or is cancelled by the client. */
export function onStreamEnd<T>(stream: ReadableStream<T>, onEnd: () => void): ReadableStream<T> {
  const reader = stream.getReader()
  return new ReadableStream<T>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          onEnd()
          controller.close()
        } else controller.enqueue(value)
      } catch (err) {
        onEnd()
        controller.error(err)
      }
    },
    async cancel(reason) {
      onEnd()
      await reader.cancel(reason)
    },
  })
}
