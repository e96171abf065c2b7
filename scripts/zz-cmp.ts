import { readFileSync } from 'node:fs'
import { Retriever } from '../lib/retrieve/retriever'
const r = await Retriever.open({ INDEX_DIR: '/work/wt-index/data/index', CACHE_DIR: '/work/wt-index/data/cache', EMBEDDER: 'builtin-cedict' })
const old = JSON.parse(readFileSync('/tmp/old-index/data/index/lexical.json', 'utf8'))
const oldChunks = JSON.parse(readFileSync('/tmp/old-index/data/index/chunks.json', 'utf8'))
const newChunks = r.index.chunks
console.log('chunks', oldChunks.length, newChunks.length)
let diffs = 0
oldChunks.forEach((c: any, i: number) => { const n = newChunks[i]; if (c.id !== n.id || c.indexText !== n.indexText || c.text !== n.text) { diffs++; if (diffs < 3) console.log('DIFF', i, c.id, n.id, JSON.stringify(c.indexText.slice(0,80)), JSON.stringify(n.indexText.slice(0,80))) } })
console.log('chunk diffs', diffs)
const { lexicalTerms } = await import('../lib/text/segment')
let td = 0
oldChunks.forEach((c: any, i: number) => { if (old.lengths[i] !== lexicalTerms(c.indexText).length) td++ })
console.log('term length diffs', td)
