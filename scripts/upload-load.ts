// npx tsx scripts/upload-load.ts [-- --json] [--files 10] [--mb 5]: does a library upload hold up chat?
// Builds a scratch index of corpus/, starts the built app on loopback with a scratch library, times
// /api/chat alone, then uploads FILES text files of about MB megabytes each through POST /api/library
// while asking /api/chat a question every 250 ms until every upload is ingested, then times /api/chat
// again on the grown index, and reports the three sets of chat latencies and the ingest times. Loopback only, bounded (10 minutes at most); not part of npm test.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createEmbedder } from '../lib/embed'
import { ingest } from '../lib/index/ingest'
import { chatBody, freePort, startAppServer } from './app-server'
import { parseCli, progress, run } from './cli'

const HOST = '127.0.0.1'
const QUESTIONS = ['中俄技术转移面临什么问题？', 'What hampers technology transfer between China and Russia?', '中俄科技合作的不确定性有哪些？']
const LIMIT_MS = 10 * 60_000

/** One chat request answered to its end, in ms. */
async function timeChat(url: string, i: number): Promise<number> {
  const started = performance.now()
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: chatBody(QUESTIONS[i % QUESTIONS.length]),
  })
  const text = await res.text()
  if (!res.ok || !text.includes('"finish"')) throw new Error(`chat answered ${res.status}`)
  return performance.now() - started
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN)
  return { requests: ms.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) }
}

/** About `bytes` of Chinese text: the shipped articles' paragraphs in an order of their own, so no two files are alike. */
function makeText(paragraphs: string[], bytes: number, seed: number): string {
  const out: string[] = [`上传测试文档 ${seed}`]
  let size = 0
  let state = seed * 7919 + 1
  while (size < bytes) {
    state = (state * 1103515245 + 12345) % 2147483648
    const p = `${paragraphs[state % paragraphs.length]}（第${seed}号文件，第${out.length}段）`
    out.push(p)
    size += Buffer.byteLength(p) + 2
  }
  return out.join('\n\n')
}

run(async () => {
  const { values } = parseCli({ files: { type: 'string' }, mb: { type: 'string' } })
  const files = Math.min(20, Math.max(1, Number(values.files ?? 10)))
  const mb = Math.min(40, Math.max(0.1, Number(values.mb ?? 5)))
  if (!existsSync('.next/BUILD_ID')) {
    progress('building the app (next build)…')
    if (spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('next build failed')
  }
  const { mkdtempSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const root = mkdtempSync(join(tmpdir(), 'upload-load-'))
  const env = { INDEX_DIR: join(root, 'index'), LIBRARY_DIR: join(root, 'library'), CORPUS_DIR: 'corpus', CACHE_DIR: process.env.CACHE_DIR ?? 'data/cache' }
  progress(`indexing corpus/ into ${env.INDEX_DIR}`)
  await ingest({
    corpusDir: 'corpus',
    indexDir: env.INDEX_DIR,
    embedderId: 'builtin-cedict',
    makeEmbedder: () => createEmbedder('builtin-cedict', { cacheDir: env.CACHE_DIR }),
  })
  const paragraphs = ['tang-china-russia-st-cooperation-2025-uncertainty.txt', 'zheng-china-russia-sti-cooperation-risks.txt']
    .flatMap((f) => readFileSync(join('corpus', f), 'utf8').split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter((p) => p.length > 40)
  const port = await freePort()
  const url = `http://${HOST}:${port}`
  const logFile = join(root, 'server.log')
  progress(`starting the app on ${url} (rate limits off; server log: ${logFile})`)
  const server = await startAppServer(port, logFile, env)
  try {
    const idle: number[] = []
    for (let i = 0; i < 20; i++) idle.push(await timeChat(url, i))
    progress(`chat alone: ${JSON.stringify(stats(idle))}`)

    const busy: number[] = []
    const errors: string[] = []
    let uploading = true
    const chatting = (async () => {
      for (let i = 0; uploading; i++) {
        await timeChat(url, i).then(
          (ms) => busy.push(ms),
          (err: Error) => errors.push(err.message),
        )
        await new Promise((r) => setTimeout(r, 250))
      }
    })()
    const started = performance.now()
    const uploads: { file: string; bytes: number; uploadMs: number; job: string }[] = []
    for (let n = 1; n <= files; n++) {
      const body = Buffer.from(makeText(paragraphs, mb * 1024 * 1024, n))
      const file = `upload-load-${n}.txt`
      const t = performance.now()
      const res = await fetch(`${url}/api/library`, { method: 'POST', headers: { 'x-file-name': file }, body })
      if (res.status !== 202) throw new Error(`upload of ${file} answered ${res.status}: ${await res.text()}`)
      uploads.push({ file, bytes: body.length, uploadMs: Math.round(performance.now() - t), job: ((await res.json()) as { job: { id: string } }).job.id })
    }
    progress(`${files} files uploaded in ${((performance.now() - started) / 1000).toFixed(1)} s; waiting for their ingest`)
    let jobs: { id: string; status: string; reason?: string }[] = []
    while (performance.now() - started < LIMIT_MS) {
      jobs = ((await (await fetch(`${url}/api/library`)).json()) as { jobs: typeof jobs }).jobs.filter((j) => uploads.some((u) => u.job === j.id))
      if (jobs.every((j) => j.status === 'done' || j.status === 'failed')) break
      await new Promise((r) => setTimeout(r, 1000))
    }
    const ingestSeconds = Math.round((performance.now() - started) / 100) / 10
    uploading = false
    await chatting
    // the same questions on the grown index, with nothing ingesting: what the index size alone costs
    const after: number[] = []
    for (let i = 0; i < 20; i++) after.push(await timeChat(url, i))
    const library = (await (await fetch(`${url}/api/library`)).json()) as { documents: { fileName: string; passages: number }[] }
    const report = {
      url,
      files,
      megabytesEach: mb,
      uploadMs: stats(uploads.map((u) => u.uploadMs)),
      ingestSeconds,
      jobs: {
        done: jobs.filter((j) => j.status === 'done').length,
        failed: jobs.filter((j) => j.status === 'failed').map((j) => j.reason),
        unfinished: jobs.filter((j) => j.status !== 'done' && j.status !== 'failed').length,
      },
      passagesAdded: library.documents.filter((d) => d.fileName.startsWith('upload-load-')).reduce((s, d) => s + d.passages, 0),
      chatAlone: stats(idle),
      chatWhileIngesting: { ...stats(busy), errors: errors.length },
      chatAfterIngest: stats(after),
    }
    if (values.json) console.log(JSON.stringify(report, null, 2))
    else {
      console.log(
        `${files} uploads of ${mb} MB: upload p50 ${report.uploadMs.p50Ms} ms; all ingested in ${ingestSeconds} s (${report.passagesAdded} passages, ${report.jobs.failed.length} failed)`,
      )
      console.log(`chat alone:            ${JSON.stringify(report.chatAlone)}`)
      console.log(`chat while ingesting:  ${JSON.stringify(report.chatWhileIngesting)}`)
      console.log(`chat after (grown index): ${JSON.stringify(report.chatAfterIngest)}`)
    }
    return report.jobs.done === files && !errors.length ? 0 : 1
  } finally {
    server.kill('SIGTERM')
    if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once('exit', r))
    // the scratch index and uploads are hundreds of MB; the server log stays for a look
    rmSync(env.INDEX_DIR, { recursive: true, force: true })
    rmSync(env.LIBRARY_DIR, { recursive: true, force: true })
  }
})
