import { readFileSync } from 'node:fs'
import { Retriever } from '../lib/retrieve/retriever'
import { LexicalIndex as Old } from './zz-oldlex'
const r = await Retriever.open({ INDEX_DIR: 'data/index', CACHE_DIR: 'data/cache', EMBEDDER: 'builtin-cedict' })
const old = new Old(JSON.parse(readFileSync('/tmp/old-index/data/index/lexical.json', 'utf8')))
const a = r.analyze('中俄科技创新年双方商定举办多少项活动？')
const o = old.search(a.groups, 100)
const n = r.index.lexical.search(a.groups, 100)
console.log(o.length, n.length)
console.log(o.slice(0, 12).map((x) => `${x.doc + 1}:${x.score.toFixed(3)}`).join(' '))
console.log(n.slice(0, 12).map((x) => `${x.doc}:${x.score.toFixed(3)}`).join(' '))
const n5 = r.index.lexical.search(a.groups, 5)
console.log(n5.map((x) => `${x.doc}:${x.score.toFixed(3)}`).join(' '))
