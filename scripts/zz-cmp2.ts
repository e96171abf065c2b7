import { readFileSync } from 'node:fs'
import { Retriever } from '../lib/retrieve/retriever'
import { LexicalIndex as Old } from './zz-oldlex'
const r = await Retriever.open({ INDEX_DIR: 'data/index', CACHE_DIR: 'data/cache', EMBEDDER: 'builtin-cedict' })
const old = new Old(JSON.parse(readFileSync('/tmp/old-index/data/index/lexical.json', 'utf8')))
const qs = readFileSync('/work/shared/eval/dev.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l).q)
for (const q of qs) {
  const a = r.analyze(q)
  const oo = old.search(a.groups, 30); const o = oo.map((x) => x.doc + 1)
  const n = r.index.lexical.search(a.groups, 30).map((x) => x.doc)
  if (JSON.stringify(o) !== JSON.stringify(n)) { const nn = r.index.lexical.search(a.groups, 30); console.log("DIFF", q.slice(0, 20), oo.slice(0,8).map(x=>[x.doc+1, x.score.toFixed(3)].join(":")).join(" "), "|", nn.slice(0,8).map(x=>[x.doc, x.score.toFixed(3)].join(":")).join(" ")) }
}
