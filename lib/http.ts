import { timingSafeEqual } from 'node:crypto'
import type { z } from 'zod'
import { isAllowedHost } from './host'
import { log } from './log'

export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'invalid_request'
  | 'unauthorized'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'busy'
  | 'index_unavailable'
  | 'internal'

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  invalid_request: 400,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  busy: 503,
  index_unavailable: 503,
  internal: 500,
}

/** The one error a route handler throws: a code, a message a client can act on, and the fitting status. */
export class ApiError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.status = STATUS[code]
  }

  toResponse(): Response {
    return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status, headers: this.headers })
  }
}

/** Any error as a response: an ApiError as it is; anything else is logged and answered with a bare 500. */
export function errorResponse(err: unknown, route: string): Response {
  if (err instanceof ApiError) return err.toResponse()
  log().error({ err, route }, 'request failed')
  return new ApiError('internal', 'the server failed to answer this request; the details are in the server log').toResponse()
}

/** The index (or the embedder it needs) cannot be opened: 503 naming the command to run, details to the log. */
export function indexUnavailable(err: unknown, route: string): ApiError {
  log().error({ err, route }, 'index unavailable')
  return new ApiError('index_unavailable', 'the search index is missing or unusable; build it with `npm run ingest` (the server log has the details)')
}

/**
 * A route handler with the common front matter: the API key when APP_API_KEY is set, and every
 * failure turned into `{"error":{"code","message"}}`.
 */
export function apiHandler<A extends unknown[]>(route: string, handler: (request: Request, ...rest: A) => Promise<Response>) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    try {
      if (!isAllowedHost(request.headers.get('host') ?? new URL(request.url).host))
        throw new ApiError('bad_request', 'this server does not answer to that Host name; set ALLOWED_HOSTS to add it')
      requireApiKey(request)
      return await handler(request, ...rest)
    } catch (err) {
      return errorResponse(err, route)
    }
  }
}

/** When APP_API_KEY is set, a request must carry it (`Authorization: Bearer …`, `X-API-Key` or the `app_api_key` cookie). */
export function requireApiKey(request: Request, expected = process.env.APP_API_KEY): void {
  if (!expected) return
  const cookie = /(?:^|;\s*)app_api_key=([^;]*)/.exec(request.headers.get('cookie') ?? '')?.[1]
  const given =
    request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? request.headers.get('x-api-key') ?? (cookie ? decodeURIComponent(cookie) : '')
  if (!sameSecret(given, expected))
    throw new ApiError('unauthorized', 'this server requires an API key: send it as `Authorization: Bearer <APP_API_KEY>` or `X-API-Key`')
}

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)]
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Reads a JSON request body of at most `maxBytes` and validates it: 415 unless it is JSON, 413 on a
 * too-large Content-Length before anything is read and again as soon as the streamed bytes pass the
 * cap (so nothing larger is ever held), 400 for malformed JSON or a body the schema rejects.
 */
export async function readJsonBody<T extends z.ZodType>(request: Request, schema: T, maxBytes: number, example: string): Promise<z.infer<T>> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    await request.body?.cancel()
    throw new ApiError(
      'unsupported_media_type',
      `send the body as JSON with \`Content-Type: application/json\` (got ${type ? `\`${type.slice(0, 80)}\`` : 'none'})`,
    )
  }
  const tooLarge = () => new ApiError('payload_too_large', `the request body is larger than ${formatBytes(maxBytes)}; send at most ${formatBytes(maxBytes)}`)
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) {
    await request.body?.cancel()
    throw tooLarge()
  }
  const bytes = await readCapped(request.body, maxBytes)
  if (!bytes) throw tooLarge()
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new ApiError('invalid_json', `the request body is not valid UTF-8 JSON; send for example ${example}`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new ApiError('invalid_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '))
  return parsed.data
}

/** The stream's bytes, or undefined (and the stream cancelled) once more than `maxBytes` arrive. */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array()
  const parts: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      return undefined
    }
    parts.push(value)
  }
  return Buffer.concat(parts)
}

const formatBytes = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} MB` : `${n / 1000} kB`)

/** The client's address as the server saw it (instrumentation puts the socket's address there). */
export function clientAddress(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown'
}
