// npm start, step 1. Fast path in plain JavaScript (no TypeScript loader, a tenth of a second): when the
// last successful preparation recorded this app build made from this code, this index folder and this
// EMBEDDER setting, there is nothing to do. Otherwise scripts/start.ts builds what is missing. package.json then execs next start.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { sourceStamp } from './source-stamp.mjs'

const READY_FILE = resolve(process.env.CACHE_DIR || 'data/cache', 'start-ready.json')

function ready() {
  if (process.env.REBUILD) return false
  try {
    const marker = JSON.parse(readFileSync(READY_FILE, 'utf8'))
    return (
      marker.buildId === readFileSync('.next/BUILD_ID', 'utf8') &&
      marker.sources === sourceStamp() &&
      marker.indexDir === resolve(process.env.INDEX_DIR || 'data/index') &&
      existsSync(marker.indexDir) &&
      marker.embedder === (process.env.EMBEDDER ?? '')
    )
  } catch {
    return false
  }
}

if (!ready()) {
  const tsx = resolve('node_modules/.bin/tsx')
  const result = spawnSync(existsSync(tsx) ? tsx : 'tsx', ['scripts/start.ts'], { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
