import { subscribe } from 'node:diagnostics_channel'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { log } from './log'

interface RequestStart {
  request: IncomingMessage
  response: ServerResponse
}

const started = new WeakMap<ServerResponse, number>()

/**
 * Logs every HTTP request of this process with its status and duration (Node's own http
 * diagnostics channels: no wrapper around Next's server), and records the client's socket address
 * as X-Forwarded-For so that a client cannot pick its own rate-limit key (TRUST_PROXY=1 keeps the
 * header a reverse proxy set).
 */
export function logRequests(): void {
  const shared = globalThis as typeof globalThis & { __requestLog?: boolean }
  if (shared.__requestLog) return
  shared.__requestLog = true
  const trustProxy = process.env.TRUST_PROXY === '1'
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as RequestStart
    started.set(response, performance.now())
    if (!trustProxy || !request.headers['x-forwarded-for']) request.headers['x-forwarded-for'] = request.socket.remoteAddress ?? 'unknown'
  })
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as RequestStart
    const start = started.get(response)
    const ms = start === undefined ? undefined : Math.round((performance.now() - start) * 10) / 10
    const entry = { method: request.method, url: request.url?.slice(0, 300), status: response.statusCode, ms }
    if (response.statusCode >= 500) log().error(entry, 'request')
    else log().info(entry, 'request')
  })
}
