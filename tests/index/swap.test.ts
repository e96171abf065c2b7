import { spawn } from 'node:child_process'
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { POST } from '../../app/api/search/route'
import { CACHE_DIR, corpusCopy, ingestBuiltin } from '../helpers'

async function search(query: string): Promise<{ status: number; docIds: string[] }> {
  const res = await POST(
    new Request('http://localhost/api/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, k: 5 }) }),
  )
  const json = (await res.json()) as { results?: { docId: string }[] }
  return { status: res.status, docIds: (json.results ?? []).map((r) => r.docId) }
}

describe('serving while an ingest commits a new generation', () => {
  it('swaps to the new generation with requests in flight, none failing, without a restart', async () => {
    const corpus = corpusCopy()
    const index = await ingestBuiltin(corpus)
    process.env.INDEX_DIR = index
    process.env.CACHE_DIR = CACHE_DIR
    process.env.RATE_LIMIT_SEARCH = '0' // this test's clients ask far more often than one user may
    expect((await search('墨子号 量子卫星')).docIds).not.toContain('quantum')

    // requests keep coming, four at a time, for the whole test
    const statuses: number[] = []
    let stop = false
    const client = async () => {
      while (!stop) {
        statuses.push((await search(['中俄科技合作', 'technology transfer', '墨子号 量子卫星'][statuses.length % 3])).status)
        // as requests arriving over a socket would: let timers and child-process events run in between
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    const clients = Array.from({ length: 4 }, client)

    // another process adds a document and changes one (whose old passages disappear from the store)
    writeFileSync(
      join(corpus, 'quantum.txt'),
      '墨子号量子科学实验卫星由中国科学院研制，用于量子通信和量子纠缠分发实验。\n\n中俄两国科学家曾利用墨子号进行洲际量子密钥分发。',
    )
    appendFileSync(join(corpus, readdirSync(corpus).find((f) => f.startsWith('zheng') && f.endsWith('.txt'))!), '\n\n补充说明：本段为热切换测试新增的内容。\n')
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--corpus', corpus, '--index', index], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.anything() })

    let found = false
    for (const deadline = Date.now() + 30_000; !found && Date.now() < deadline; ) {
      found = (await search('墨子号 量子卫星')).docIds.includes('quantum')
      if (!found) await new Promise((r) => setTimeout(r, 200))
    }
    stop = true
    await Promise.all(clients)
    expect(found).toBe(true)
    expect(statuses.length).toBeGreaterThan(20)
    expect(statuses.filter((s) => s !== 200)).toEqual([])
  }, 180_000)
})
