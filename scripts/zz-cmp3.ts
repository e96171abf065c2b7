import { readFileSync } from 'node:fs'
import { Retriever } from '../lib/retrieve/retriever'
import { LexicalIndex } from '../lib/index/lexical'
import { lexicalTerms } from '../lib/text/segment'
import { LexicalIndex as Old } from './zz-oldlex'
const r = await Retriever.open({ INDEX_DIR: 'data/index', CACHE_DIR: 'data/cache', EMBEDDER: 'builtin-cedict' })
const old = new Old(JSON.parse(readFileSync('/tmp/old-index/data/index/lexical.json', 'utf8')))
const chunks = r.index.chunks
const fresh = new LexicalIndex()
chunks.forEach((c, i) => fresh.add(i + 1, lexicalTerms(c.indexText)))
const round = LexicalIndex.deserialize(fresh.serialize())
const qs = readFileSync('/work/shared/eval/dev.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l).q)
for (const q of qs) {
  const a = r.analyze(q)
  const o = JSON.stringify(old.search(a.groups, 30).map((x) => x.doc + 1))
  const f = JSON.stringify(fresh.search(a.groups, 30).map((x) => x.doc))
  const d = JSON.stringify(round.search(a.groups, 30).map((x) => x.doc))
  const l = JSON.stringify(r.index.lexical.search(a.groups, 30).map((x) => x.doc))
  console.log(o === f, f === d, d === l)
}
