import { Retriever } from './lib/retrieve/retriever'
import { loadConfig } from './lib/config'
const r = await Retriever.open(loadConfig())
for (const w of ['ural','kazan','africa','capital']) console.log(w, r.dictionary.lookup([w]).slice(0,5))
