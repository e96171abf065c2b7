// Builds hnswlib-node's addon for this machine's CPU (run by `npm install` as the project's postinstall).
// hnswlib chooses its SIMD distance code (SSE, AVX, AVX-512) when it is compiled, and node-gyp's
// default flags target the x86-64 baseline, SSE only; built for the CPU at hand, an ingest's HNSW
// inserts take about a quarter less time. The package's own install script is therefore not
// allowed (package.json `allowScripts`); this one builds it once per Node ABI, CPU flags and
// package version, and says why if it cannot.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const packageDir = dirname(require.resolve('hnswlib-node/package.json'))
const addon = join(packageDir, 'build', 'Release', 'addon.node')
const stampFile = join(packageDir, 'build', 'zh-build.json')

/** -march=native where the compiler and CPU allow it; the package's defaults otherwise. */
const cpuFlags = process.arch === 'x64' || process.arch === 'arm64' ? '-march=native' : ''
const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath && join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]
  const found = candidates.find((file) => file && existsSync(file))
  if (!found) throw new Error('node-gyp (bundled with npm) was not found: run this through `npm install`')
  return found
}

/** node-gyp's output is shown only when the last attempt fails. */
function build(flags, lastAttempt) {
  execFileSync(process.execPath, [nodeGyp(), 'rebuild', '--loglevel=error'], {
    cwd: packageDir,
    env: { ...process.env, CXXFLAGS: `${process.env.CXXFLAGS ?? ''} ${flags}`.trim() },
    stdio: ['ignore', 'ignore', lastAttempt ? 'inherit' : 'ignore'],
  })
}

const stampOf = (flags) => JSON.stringify({ version, abi: process.versions.modules, flags })
if (existsSync(addon) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stampOf(cpuFlags)) process.exit(0)
console.log('Compiling the HNSW addon (hnswlib-node) for this CPU (once, about 15 s)…')
try {
  build(cpuFlags, !cpuFlags)
} catch {
  // a compiler that does not take -march=native: the portable build works, only slower
  build('', true)
}
writeFileSync(stampFile, stampOf(cpuFlags))
