// The built app started by a script (npm run load, npm run upload-load) or a browser test, as npm start runs it.
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'

const HOST = '127.0.0.1'

/** How `npm start` runs the built app (scripts/serve.ts). */
export function appServer(port: number, host = HOST): { args: string[]; env: Record<string, string> } {
  return {
    args: ['--import', 'tsx', join(import.meta.dirname, 'serve.ts')],
    env: { PORT: String(port), HOST: host, NEXT_TELEMETRY_DISABLED: '1' },
  }
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, HOST, () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

export const chatBody = (text: string) => JSON.stringify({ messages: [{ id: 'q', role: 'user', parts: [{ type: 'text', text }] }] })

/**
 * Starts the app on loopback with offline answers, no rate limits (all load comes from one address)
 * and no API key, its output in `logFile`; resolves once it has answered a chat question.
 */
export async function startAppServer(port: number, logFile: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const log = createWriteStream(logFile)
  const server = appServer(port)
  const child = spawn(process.execPath, server.args, {
    env: { ...process.env, ...server.env, RATE_LIMIT_SEARCH: '0', RATE_LIMIT_CHAT: '0', LLM_BASE_URL: '', LLM_MODEL: '', APP_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.pipe(log)
  child.stderr!.pipe(log)
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited (status ${child.exitCode}); see ${logFile}`)
    try {
      const res = await fetch(`http://${HOST}:${port}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chatBody('科技合作'),
      })
      if (res.ok && (await res.text()).includes('"finish"')) return child
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  child.kill('SIGTERM')
  throw new Error(`the app did not answer within 2 minutes; see ${logFile}`)
}
