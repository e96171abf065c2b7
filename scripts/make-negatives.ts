// Builds eval/negatives.jsonl: hand-written near-miss and off-topic questions (eval/near-miss.jsonl),
// plus, for each answerable question of eval/questions.jsonl that names a swappable focus (a country,
// organisation, person, year …), a variant with that focus replaced by one the corpus never mentions.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readGoldSet } from '../lib/eval'
import { run } from './cli'

interface Swappable {
  id: string
  split?: string
  lang: string
  q: string
  swap?: { text: string; kind: string }
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))

/** A stable pick from a list, so re-running gives the same file. */
function pick<T>(list: T[], key: string): T[] {
  let h = 0
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return list.map((_, i) => list[(h + i) % list.length])
}

run(async () => {
  const corpus = readdirSync('corpus')
    .filter((f) => f.endsWith('.txt') || f.endsWith('.md'))
    .map((f) => readFileSync(join('corpus', f), 'utf8'))
    .join('\n')
    .replace(/\s+/g, '')
    .toLowerCase()
  const absent = (s: string) => !corpus.includes(s.replace(/\s+/g, '').toLowerCase())
  const pools = JSON.parse(readFileSync('eval/substitutes.json', 'utf8')) as Record<string, [string, string][]>
  readGoldSet('eval/questions.jsonl') // validates the file
  const out = lines('eval/near-miss.jsonl')
  for (const q of lines('eval/questions.jsonl') as Swappable[]) {
    if (!q.swap) continue
    const pool = pools[q.swap.kind]
    if (!pool) throw new Error(`${q.id}: no substitutes for kind "${q.swap.kind}"`)
    if (!q.q.includes(q.swap.text)) throw new Error(`${q.id}: the question does not contain "${q.swap.text}"`)
    // both the Chinese and the English form must be absent, so the variant is unanswerable in either language
    const pair = pick(pool, q.id).find(([zh, en]) => absent(zh) && absent(en))
    const substitute = pair && (q.lang === 'zh' ? pair[0] : pair[1])
    if (!substitute) throw new Error(`${q.id}: every substitute occurs in the corpus`)
    out.push({ id: `${q.id}-swap`, split: q.split, lang: q.lang, type: 'swapped', q: q.q.replace(q.swap.text, substitute), gold: [], from: q.id })
  }
  writeFileSync('eval/negatives.jsonl', `${out.map((o) => JSON.stringify(o)).join('\n')}\n`)
  process.stderr.write(`eval/negatives.jsonl: ${out.length} questions\n`)
  return 0
})
