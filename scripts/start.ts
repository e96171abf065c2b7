// npm start, first half: build the index and the app if they are missing, both at once (each mostly uses
// one core), with progress. package.json then `exec`s next start, so no parent process stays behind.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createInterface } from 'node:readline'
import { loadConfig } from '../lib/config'
import { readManifest } from '../lib/index/store'
import { createProgress } from '../lib/progress'

const config = loadConfig()
const say = (line: string) => process.stderr.write(`${line}\n`)

/** Why the index must be (re)built, or undefined when it is usable. */
function indexProblem(): string | undefined {
  try {
    const manifest = readManifest(config.INDEX_DIR)
    if (!manifest) return `No index in ${config.INDEX_DIR}: indexing ${config.CORPUS_DIR} first`
    if (manifest.embedder.id !== config.EMBEDDER)
      return `The index in ${config.INDEX_DIR} was made with the embedder "${manifest.embedder.id}"; re-indexing with "${config.EMBEDDER}"`
  } catch (err) {
    return `The index in ${config.INDEX_DIR} cannot be read (${err instanceof Error ? err.message : err}); rebuilding it`
  }
  return undefined
}

/** Run a child with its output prefixed, so two steps can share one console; resolves to its exit code. */
function step(name: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; exit: Promise<number> } {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  for (const stream of [child.stdout, child.stderr])
    if (stream) createInterface({ input: stream }).on('line', (line) => line.trim() && say(`${name} │ ${line}`))
  return { child, exit: new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1))) }
}

// a first `next build` takes about a minute on two busy cores; the estimate only drives the progress line
const APP_BUILD_ESTIMATE_SECONDS = 60

async function main(): Promise<number> {
  const reason = indexProblem()
  const buildApp = !existsSync('.next/BUILD_ID') || !!process.env.REBUILD
  const steps: Promise<number>[] = []
  if (reason) {
    say(reason)
    steps.push(step('index', ['--import', 'tsx', 'scripts/ingest.ts']).exit)
  }
  if (buildApp) {
    say('Building the app (next build; once, until the code changes: REBUILD=1 npm start rebuilds)')
    const next = createRequire(import.meta.url).resolve('next/dist/bin/next')
    const app = step('app', [next, 'build'], { NEXT_TELEMETRY_DISABLED: '1', NEXT_SKIP_TYPECHECK: '1' })
    const progress = createProgress('app │ building', APP_BUILD_ESTIMATE_SECONDS, { percent: true, bar: false, every: 5 })
    const started = performance.now()
    const ticker = setInterval(() => progress.update(Math.min(0.95 * APP_BUILD_ESTIMATE_SECONDS, (performance.now() - started) / 1000)), 1000)
    steps.push(app.exit.finally(() => clearInterval(ticker)))
  }
  const codes = await Promise.all(steps)
  const failed = codes.find((code) => code !== 0)
  if (failed !== undefined) say('npm start: a step failed (see above); nothing was started.')
  else if (steps.length) say('Starting the server…')
  return failed ?? 0
}

main().then((code) => process.exit(code))
