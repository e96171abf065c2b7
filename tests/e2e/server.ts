// Starts the real app (next build, then the server npm start runs) over a fresh index of the shipped corpus.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { BUILTIN_EMBEDDER_ID, createEmbedder } from '../../lib/embed'
import { ingest } from '../../lib/index/ingest'
import { appServer } from '../../scripts/app-server'
import { CACHE_DIR, CORPUS_DIR, freePort, tempDir } from '../helpers'

const ROOT = join(import.meta.dirname, '..', '..')
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'e2e')

export interface RunningApp {
  url: string
  /** What the server has printed so far (stdout and stderr). */
  output: () => string
  stop: () => Promise<void>
}

/** Builds the app once for the whole browser run (vitest globalSetup); E2E_SKIP_BUILD=1 reuses an existing build. */
export function buildApp(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(ROOT, '.next', 'BUILD_ID'))) return
  const build = spawnSync('npx', ['next', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`)
}

/** Serves the built app on a free loopback port over a fresh index of `corpusDir` (the shipped corpus by default). */
export async function startApp(env: Record<string, string> = {}, corpusDir = CORPUS_DIR): Promise<RunningApp> {
  if (!existsSync(join(ROOT, '.next', 'BUILD_ID'))) buildApp()
  const indexDir = join(tempDir('e2e-index-'), 'index')
  await ingest({ corpusDir, indexDir, embedderId: BUILTIN_EMBEDDER_ID, makeEmbedder: () => createEmbedder(BUILTIN_EMBEDDER_ID, { cacheDir: CACHE_DIR }) })
  const port = await freePort()
  const server = appServer(port)
  const child: ChildProcess = spawn(process.execPath, server.args, {
    cwd: ROOT,
    env: { ...process.env, ...server.env, INDEX_DIR: indexDir, CACHE_DIR, LLM_BASE_URL: '', LLM_MODEL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      // ready once a question is answered (index, embedder and dictionaries loaded)
      const question = { messages: [{ id: 'w', role: 'user', parts: [{ type: 'text', text: 'What hampers cooperation?' }] }] }
      const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(question) })
      if (res.ok && (await res.text()).includes('"finish"')) break
    } catch {
      // not listening yet
    }
    if (i > 120 || child.exitCode !== null) throw new Error(`the app did not start:\n${log}`)
    await new Promise((r) => setTimeout(r, 500))
  }
  return {
    url,
    output: () => log,
    stop: async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        // already gone
      }
    },
  }
}

/** Debian's Chromium, headless (never a downloaded browser), pages are opened with `locale: 'zh-CN'` unless a test is about the language. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}
