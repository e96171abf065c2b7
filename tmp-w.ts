import { Retriever } from './lib/retrieve/retriever'
import { questionFocus, supportsTerm } from './lib/retrieve/analyze'
import { meetsType } from './lib/answer/evidence'
import { splitSentences } from './lib/chunk/sentences'
import { loadConfig } from './lib/config'
const r = await Retriever.open(loadConfig())
for (const q of process.argv.slice(2)) {
  const s = await r.search(q, 6)
  const f = questionFocus(s.analysis, (w) => r.dictionary.lookup(w), (t) => r.index.lexical.has(t))
  for (const p of s.results) {
    const text = p.text.toLowerCase()
    const sents = splitSentences(text).map((x) => text.slice(x.start, x.end))
    sents.forEach((w, i) => { const win = (i ? sents[i-1] : '') + w; if (meetsType(f, win)) console.log(p.rank, f.terms.filter((t) => supportsTerm(win, t)).map((t) => t.text).join(','), '|', win.slice(0, 160)) })
  }
}
