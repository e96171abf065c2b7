// What the app build was made from: how many files the code Next bundles has and the newest one's
// modification time. npm start compares it with the stamp recorded at the last build, so the app is
// built again after the code changes (a pull, an edit), not only when the build is missing.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

// (not tsconfig.json or next-env.d.ts, which next build itself may rewrite)
const SOURCES = ['app', 'lib', 'vendor', 'instrumentation.ts', 'proxy.ts', 'next.config.js', 'package-lock.json']

export function sourceStamp(root = '.') {
  let files = 0
  let newest = 0
  const visit = (path) => {
    let stat
    try {
      stat = statSync(path)
    } catch {
      return
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name))
    else {
      files++
      newest = Math.max(newest, stat.mtimeMs)
    }
  }
  for (const path of SOURCES) visit(join(root, path))
  return `${files} files, newest ${Math.round(newest)}`
}
