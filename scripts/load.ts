// npm run load [-- --json] [--rounds 3] [--seconds 30]: the app on loopback under autocannon.
// After an unmeasured 5 s warm-up, each round: 50 connections on POST /api/search, then 20 on POST /api/chat (offline answers),
// with a page load every second throughout. The server's own rate limits are switched off for
// this run (RATE_LIMIT_SEARCH=0, RATE_LIMIT_CHAT=0): the point is to measure the server, and all
// load comes from one address. Loopback only, and bounded in time.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon, { type Result } from 'autocannon'
import { loadConfig } from '../lib/config'
import { readManifest } from '../lib/index/store'
import { chatBody, freePort, startAppServer } from './app-server'
import { parseCli, progress, run } from './cli'

const HOST = '127.0.0.1'
const WARM_UP_SECONDS = 5
const SEARCHES = ['技术转移', 'technology transfer', '中俄科技创新合作的风险', 'export controls on chips', '金砖国家数字经济', 'space security alliance']
const QUESTIONS = ['中俄技术转移面临什么问题？', 'What hampers technology transfer between China and Russia?', '金砖国家数字经济合作有哪些？']

/** Resident memory of a process in MB (Linux /proc). */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  return Math.round(kb / 1024)
}

/** GET of a whole page on a fresh connection (as a new visitor's browser would), in ms. */
function loadPage(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = get(url, { agent: false, timeout: 30_000 }, (res) => {
      res.on('data', () => {})
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))))
    })
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')))
    req.on('error', reject)
  })
}

/** Loads one page every second until stopped: the times of each load in ms, and what failed. */
function pageLoader(url: string, paths: string[]) {
  const times: number[] = []
  const failures: string[] = []
  let i = 0
  const timer = setInterval(() => {
    const path = paths[i++ % paths.length]
    loadPage(`${url}${path}`).then(
      (ms) => times.push(ms),
      (err: Error) => failures.push(`${path}: ${err.message}`),
    )
  }, 1000)
  return {
    stop: () => {
      clearInterval(timer)
      return { times, errors: failures.length, failures: failures.slice(0, 5) }
    },
  }
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10
}

/** autocannon POSTing the JSON bodies in turn to one path. */
const postLoad = (url: string, path: string, bodies: string[], o: { connections: number; seconds: number; timeout: number }) =>
  autocannon({
    url,
    connections: o.connections,
    duration: o.seconds,
    timeout: o.timeout,
    requests: bodies.map((body) => ({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body })),
  })

const summary = (r: Result) => ({
  reqPerSec: Math.round(r.requests.average),
  requests: r.requests.total,
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  maxMs: r.latency.max,
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
})

run(async () => {
  const { values } = parseCli({ rounds: { type: 'string' }, seconds: { type: 'string' } })
  const rounds = Math.min(10, Math.max(1, Number(values.rounds ?? 3)))
  const seconds = Math.min(120, Math.max(1, Number(values.seconds ?? 30)))
  const config = loadConfig()
  if (!readManifest(config.INDEX_DIR)) throw new Error(`no index in ${config.INDEX_DIR}: build it with npm run ingest`)
  if (!existsSync('.next/BUILD_ID')) {
    progress('building the app (next build)…')
    if (spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('next build failed')
  }
  const port = await freePort()
  const logFile = join(tmpdir(), `load-server-${port}.log`)
  progress(`starting the app on http://${HOST}:${port} (rate limits off for this run; server log: ${logFile})`)
  // JSON logs (the server log is a file here), and the heap bound npm start sets (package.json)
  const server = await startAppServer(port, logFile, { LOG_FORMAT: 'json', NODE_OPTIONS: `--max-old-space-size=${process.env.SERVER_HEAP_MB ?? 768}` })
  const url = `http://${HOST}:${port}`
  try {
    const docs = (await (await fetch(`${url}/api/docs`)).json()) as { documents: { id: string }[] }
    const pages = pageLoader(url, ['/', '/search', ...docs.documents.map((d) => `/docs/${encodeURIComponent(d.id)}`)])
    // unmeasured: a server just started is still compiling its hot code and loading what the first
    // searches need; the rounds measure it as it runs afterwards
    progress(`warm-up: /api/search, 10 connections × ${WARM_UP_SECONDS} s (not measured)`)
    await postLoad(
      url,
      '/api/search',
      SEARCHES.map((query) => JSON.stringify({ query, k: 5 })),
      { connections: 10, seconds: WARM_UP_SECONDS, timeout: 10 },
    )
    const rssStartMb = rssMb(server.pid!)
    const results = []
    for (let round = 1; round <= rounds; round++) {
      const rssBeforeMb = rssMb(server.pid!)
      progress(`round ${round}/${rounds}: /api/search, 50 connections × ${seconds} s`)
      const search = await postLoad(
        url,
        '/api/search',
        SEARCHES.map((query) => JSON.stringify({ query, k: 5 })),
        { connections: 50, seconds, timeout: 10 },
      )
      const rssAfterSearchMb = rssMb(server.pid!)
      progress(`round ${round}/${rounds}: /api/chat, 20 connections × ${seconds} s`)
      const chat = await postLoad(url, '/api/chat', QUESTIONS.map(chatBody), { connections: 20, seconds, timeout: 20 })
      const result = { round, search: summary(search), chat: summary(chat), rssBeforeMb, rssAfterSearchMb, rssAfterMb: rssMb(server.pid!) }
      progress(JSON.stringify(result))
      results.push(result)
    }
    const { times, errors, failures } = pages.stop()
    await new Promise((r) => setTimeout(r, 10_000))
    const rssIdleMb = rssMb(server.pid!)
    const first = results[0].rssAfterMb
    const last = results[results.length - 1].rssAfterMb
    const report = {
      url,
      rateLimits: 'off for this run (RATE_LIMIT_SEARCH=0, RATE_LIMIT_CHAT=0)',
      answers: 'offline (extractive)',
      seconds,
      rounds: results,
      pages: { loads: times.length, errors, failures, p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), maxMs: percentile(times, 1) },
      rssStartMb,
      rssIdleAfter10sMb: rssIdleMb,
      rssGrowthAfterFirstRoundPct: Math.round(((last - first) / first) * 1000) / 10,
      targets: {
        zeroErrors: results.every((r) => r.search.errors + r.search.non2xx + r.chat.errors + r.chat.non2xx === 0) && errors === 0,
        searchP99Within100Ms: results.every((r) => r.search.p99Ms <= 100),
        pageP95Within300Ms: (percentile(times, 0.95) ?? Infinity) <= 300,
        rssWithin10PctOfFirstRound: last <= first * 1.1,
      },
    }
    if (values.json) console.log(JSON.stringify(report, null, 2))
    else {
      for (const r of results)
        console.log(
          `round ${r.round}: search ${r.search.reqPerSec} req/s p50 ${r.search.p50Ms} ms p99 ${r.search.p99Ms} ms (errors ${r.search.errors}, non-2xx ${r.search.non2xx}); ` +
            `chat ${r.chat.reqPerSec} req/s p50 ${r.chat.p50Ms} ms p99 ${r.chat.p99Ms} ms (errors ${r.chat.errors}, non-2xx ${r.chat.non2xx}); RSS ${r.rssBeforeMb} → ${r.rssAfterMb} MB`,
        )
      console.log(`pages: ${times.length} loads, p50 ${report.pages.p50Ms} ms, p95 ${report.pages.p95Ms} ms, errors ${errors}; RSS idle ${rssIdleMb} MB`)
      console.log(`targets: ${JSON.stringify(report.targets)}`)
    }
    return 0
  } finally {
    server.kill('SIGTERM')
  }
})
