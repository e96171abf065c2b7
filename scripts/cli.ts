// Shared plumbing for the command-line entry points: flags, output and errors.
import { parseArgs } from 'node:util'
import { type Config, loadConfig } from '../lib/config'
import type { BuildProgress } from '../lib/embed/bilingual'
import { createProgress, type Progress } from '../lib/progress'

export function parseCli<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(options: T) {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...options },
    allowPositionals: true,
  })
  return { values: values as Record<string, string | boolean | undefined>, positionals }
}

export function configFrom(values: Record<string, string | boolean | undefined>): Config {
  const env = { ...process.env }
  if (typeof values.index === 'string') env.INDEX_DIR = values.index
  if (typeof values.corpus === 'string') env.CORPUS_DIR = values.corpus
  if (typeof values.embedder === 'string') env.EMBEDDER = values.embedder
  return loadConfig(env)
}

export const progress = (message: string) => process.stderr.write(`${message}\n`)

/** How a command shows the built-in embedder's one-time build: its messages, and a bar (a line every few seconds in a pipe). */
export function embedderBuildReport(): { log: (message: string) => void; progress: BuildProgress } {
  let building: Progress | undefined
  return {
    log: progress,
    progress: (stage, done, total) => {
      building ??= createProgress('building the embedder', total, { percent: true })
      if (done < total) building.update(done, stage)
      else building.finish()
    },
  }
}

/** Run a command, turning any error into one clear line on stderr and exit status 1. */
export function run(main: () => Promise<number | undefined>) {
  main().then(
    (code) => process.exit(code ?? 0),
    (err) => {
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
      if (process.env.DEBUG) console.error(err)
      process.exit(1)
    },
  )
}

export function readBatch(file: string, readFileSync: (f: string, e: 'utf8') => string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line)
    .map(({ line, i }) => {
      let parsed: { q?: unknown }
      try {
        parsed = JSON.parse(line)
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON`)
      }
      if (typeof parsed.q !== 'string' || !parsed.q.trim()) throw new Error(`${file}:${i + 1}: missing "q" field`)
      return parsed.q
    })
}
