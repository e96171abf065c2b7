// npm install, last step (the project's postinstall): two one-core jobs side by side, so that the
// first `npm start` only has to build the app: compile hnswlib for this CPU (scripts/build-hnswlib.mjs)
// and build the built-in embedder and the dictionary caches into data/cache (scripts/prepare-caches.ts).
// Each is skipped when its result is already there. The caches are an optimization: if they cannot be
// built now, npm start builds them; a failed addon build fails the install (nothing works without it).
import { spawn } from 'node:child_process'

const run = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' })
    child.on('error', () => resolve(1))
    child.on('close', (code) => resolve(code ?? 1))
  })

const [addon, caches] = await Promise.all([run(['scripts/build-hnswlib.mjs']), run(['--import', 'tsx', 'scripts/prepare-caches.ts', '--with-embedder'])])
if (caches !== 0) console.error('The built-in embedder and dictionary caches were not built now; the first `npm start` builds them.')
process.exit(addon)
