// Build the query-time dictionary caches in data/cache (a few seconds, once), so that a freshly started
// server does not build them while answering its first question. npm start runs this after a first ingest.
import { EnglishChineseDictionary } from '../lib/retrieve/translate'
import { dictionaries } from '../lib/text/dictionary'
import { configFrom, parseCli, run } from './cli'

run(async () => {
  const config = configFrom(parseCli({}).values)
  dictionaries(config.CACHE_DIR)
  new EnglishChineseDictionary(undefined, config.CACHE_DIR).lookup(['cache'])
  return 0
})
