import { readFileSync } from 'node:fs'
import { pageLabel, passageJson } from '../lib/format'
import type { Answer } from '../lib/types'
import { configFrom, parseCli, readBatch, run } from './cli'

const asJson = (a: Answer) => ({
  question: a.question,
  lang: a.lang,
  mode: a.mode,
  answer: a.answer,
  abstained: a.abstained,
  citations: a.citations,
  passages: a.passages.map(passageJson),
  ...(a.warnings ? { warnings: a.warnings } : {}),
})

run(async () => {
  const { values, positionals } = parseCli({ index: { type: 'string' }, batch: { type: 'string' }, embedder: { type: 'string' } })
  const question = positionals.join(' ').trim()
  if (values.help || (!question && !values.batch)) {
    console.log('npm run ask -- [--json] "question"   |   npm run ask -- --batch FILE.jsonl')
    return values.help ? 0 : 2
  }
  const config = configFrom(values)
  // loaded after the flags are read, so --help and usage errors answer at once
  const [{ answerOnce }, { llmSettings }, { Retriever }] = await Promise.all([
    import('../lib/answer/answer'),
    import('../lib/answer/llm'),
    import('../lib/retrieve/retriever'),
  ])
  const options = { retriever: await Retriever.open(config), llm: llmSettings(config) }
  if (typeof values.batch === 'string') {
    for (const q of readBatch(values.batch, readFileSync)) console.log(JSON.stringify(asJson((await answerOnce(q, [], options)).answer)))
    return
  }
  const { answer, passages } = await answerOnce(question, [], options)
  if (values.json) {
    console.log(JSON.stringify(asJson(answer)))
    return
  }
  for (const w of answer.warnings ?? []) process.stderr.write(`warning: ${w}\n`)
  console.log(`${answer.answer}\n`)
  console.log(`(${answer.mode}${answer.abstained ? ', abstained' : ''})`)
  for (const p of passages.filter((p) => p.cited))
    console.log(`[${p.n}] ${p.title}${p.section ? ` — ${p.section}` : ''}${pageLabel(p) ? `, ${pageLabel(p)}` : ''}  (${p.chunkId})`)
})
