// npm start: build the index if there is none, build the app if it is not built, then serve it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { loadConfig } from '../lib/config'
import { readManifest } from '../lib/index/store'

const config = loadConfig()
const step = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
if (!readManifest(config.INDEX_DIR)) {
  console.error(`No index in ${config.INDEX_DIR}: ingesting ${config.CORPUS_DIR} first…`)
  step(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts'])
}
if (!existsSync('.next/BUILD_ID') || process.env.REBUILD) step('npx', ['next', 'build'])
// loopback only unless HOST says otherwise (e.g. HOST=0.0.0.0 to share it on a network, with APP_API_KEY set)
step('npx', ['next', 'start', '-p', process.env.PORT ?? '3000', '-H', process.env.HOST ?? '127.0.0.1'])
