import { answerOnce } from './lib/answer/answer'
import { Retriever } from './lib/retrieve/retriever'
import { questionFocus } from './lib/retrieve/analyze'
import { loadConfig } from './lib/config'
const r = await Retriever.open(loadConfig())
const q = '文中关于美国太空安全联盟的论述引用了哪篇文章？'
const { answer, evidence } = await answerOnce(q, [], { retriever: r })
const f = questionFocus(r.analyze(q), (w) => r.dictionary.lookup(w), (t) => r.index.lexical.has(t))
console.log(answer.answer.slice(0, 300), evidence, f)
