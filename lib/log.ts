import pino, { type Logger } from 'pino'
import pretty from 'pino-pretty'

// The server log: JSON lines, or readable lines in a terminal (LOG_FORMAT=pretty|json overrides).
// One logger per process (Next bundles routes separately, so it lives on globalThis).
const shared = globalThis as typeof globalThis & { __log?: Logger }

function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info')
  const readable = process.env.LOG_FORMAT ? process.env.LOG_FORMAT === 'pretty' : Boolean(process.stdout.isTTY)
  const options = { level, base: undefined, redact: { paths: ['apiKey', '*.apiKey', 'authorization', '*.authorization'], censor: '[redacted]' } }
  // pino-pretty as an in-process stream (not a worker transport): works inside Next's server bundles
  if (readable) return pino(options, pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }))
  // JSON lines written asynchronously: under load the lines queued during one write go out in the next
  // (a synchronous write per request cost as much as a search); pino flushes them when the process exits
  return pino(options, pino.destination({ dest: 1, sync: false }))
}

export function log(): Logger {
  shared.__log ??= createLogger()
  return shared.__log
}

/** A URL with any user name and password removed (they must never reach a log line or a client). */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url)
    u.username = ''
    u.password = ''
    return u.toString()
  } catch {
    return '(not a URL)'
  }
}
