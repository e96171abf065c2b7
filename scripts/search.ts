import { readFileSync } from 'node:fs'
import { configFrom, parseCli, readBatch, run } from './cli'

run(async () => {
  const { values, positionals } = parseCli({ k: { type: 'string' }, index: { type: 'string' }, batch: { type: 'string' }, embedder: { type: 'string' } })
  const query = positionals.join(' ').trim()
  if (values.help || (!query && !values.batch)) {
    console.log('npm run search -- [--json] [--k N] "query"   |   npm run search -- --batch FILE.jsonl')
    return values.help ? 0 : 2
  }
  const k = values.k ? Number(values.k) : 5
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new Error('--k must be a whole number from 1 to 100')
  // loaded after the flags are read, so --help and usage errors answer at once
  const { Retriever } = await import('../lib/retrieve/retriever')
  const { formatPassages, passageJson } = await import('../lib/format')
  const retriever = await Retriever.open(configFrom(values))
  const json = async (q: string) => {
    const { query, lang, results, confidence } = await retriever.search(q, k)
    return { query, lang, results: results.map(passageJson), confidence }
  }
  if (typeof values.batch === 'string') {
    for (const q of readBatch(values.batch, readFileSync)) console.log(JSON.stringify(await json(q)))
    return
  }
  if (values.json) console.log(JSON.stringify(await json(query)))
  else {
    const { results, lang } = await retriever.search(query, k)
    console.log(`${results.length} passages for “${query}” (${lang})\n\n${formatPassages(results)}`)
  }
})
