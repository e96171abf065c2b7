// npm start, step 2 (when scripts/start.mjs finds something to prepare): build the index and the app if
// they are missing, both at once (each mostly uses one core), with progress. package.json then `exec`s
// next start, so no parent process stays behind.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { loadConfig } from '../lib/config'
import { readManifest } from '../lib/index/store'
import { sourceStamp } from './source-stamp.mjs'

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

// next build lists the experimental settings next.config.js chose on purpose; they are not news to a user
const CHOSEN_SETTINGS = /^\s*(- Experiments \(use with caution\):|[⨯✓·]\s+(serverMinification|turbopackFileSystemCacheForBuild))\s*$/

/** Run a child with its output prefixed, so two steps can share one console; resolves to its exit code. */
function step(name: string, args: string[], env: Record<string, string> = {}, onLine?: (line: string) => void): Promise<number> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => {
      if (!line.trim() || CHOSEN_SETTINGS.test(line)) return
      say(`${name} │ ${line}`)
      onLine?.(line.trim())
    })
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)))
}

/** `next build` prints nothing while it compiles: say every few seconds that it is still going, and how long it usually takes. */
function buildApp(): Promise<number> {
  const next = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const started = performance.now()
  let phase = 'starting'
  let lastSaid = started
  // the build's own type check is skipped (npm run typecheck and the tests do it), and so is writing
  // Turbopack's cache, which only speeds up later builds and costs a first one up to half a minute
  const exit = step('app', [next, 'build'], { NEXT_TELEMETRY_DISABLED: '1', NEXT_SKIP_TYPECHECK: '1', NEXT_BUILD_CACHE: '0' }, (line) => {
    lastSaid = performance.now()
    if (/^[✓▲]?\s*[A-Z][a-z]+ing\b/.test(line)) phase = line.replace(/^[✓▲]\s*/, '').replace(/\s*\.\.\.$/, '')
  })
  const ticker = setInterval(() => {
    if (performance.now() - lastSaid < 5000) return
    lastSaid = performance.now()
    const seconds = Math.round((lastSaid - started) / 1000)
    say(`app │ … ${phase}: ${seconds} s so far (a first build takes about half a minute on two free cores)`)
  }, 1000)
  return exit.finally(() => clearInterval(ticker))
}

const READY_FILE = resolve(process.env.CACHE_DIR || 'data/cache', 'start-ready.json')

/** The code the last recorded app build was made from (see scripts/source-stamp.mjs). */
function builtFrom(): string | undefined {
  try {
    return JSON.parse(readFileSync(READY_FILE, 'utf8')).sources
  } catch {
    return undefined
  }
}

/** What scripts/start.mjs compares to skip this script on the next start (same file, same fields). */
function recordReady(sources: string) {
  mkdirSync(dirname(READY_FILE), { recursive: true })
  const marker = {
    buildId: readFileSync('.next/BUILD_ID', 'utf8'),
    sources,
    indexDir: resolve(config.INDEX_DIR),
    embedder: process.env.EMBEDDER ?? '',
  }
  writeFileSync(READY_FILE, JSON.stringify(marker))
}

async function main(): Promise<number> {
  // the HNSW addon, in case `npm install` ran without scripts (it returns at once when it is built)
  const addon = await step('addon', ['scripts/build-hnswlib.mjs'])
  if (addon !== 0) return addon
  const reason = indexProblem()
  // (stamped before building: the build is of the code as it is now)
  const sources = sourceStamp()
  const appMissing = !existsSync('.next/BUILD_ID') || !!process.env.REBUILD || builtFrom() !== sources
  const steps: Promise<number>[] = []
  if (reason) {
    say(reason)
    // the query-time dictionaries do not depend on the index: built beside it, not after it (cache
    // files are written atomically, so the two may both build the shared dictionary cache)
    steps.push(step('index', ['--import', 'tsx', 'scripts/ingest.ts']), step('index', ['--import', 'tsx', 'scripts/prepare-caches.ts']))
  }
  if (appMissing) {
    say('Building the app (next build; once, and again after the code changes)')
    steps.push(buildApp())
  }
  const codes = await Promise.all(steps)
  const failed = codes.find((code) => code !== 0)
  if (failed !== undefined) {
    say('npm start: a step failed (see above); nothing was started.')
    return failed
  }
  recordReady(sources)
  if (steps.length) say('Starting the server…')
  return 0
}

main().then((code) => process.exit(code))
