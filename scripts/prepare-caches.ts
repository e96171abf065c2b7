// Build the query-time dictionary caches in data/cache (a few seconds, once), so that a freshly started
// server does not build them while answering its first question; with --with-embedder also the
// built-in embedder (about 15 s of one core, once). `npm install` runs this with --with-embedder
// (scripts/postinstall.mjs); npm start runs it beside a first ingest, which builds the embedder itself.
import { createEmbedder } from '../lib/embed'
import { BUILTIN_EMBEDDER_ID } from '../lib/embed/ids'
import { EnglishChineseDictionary } from '../lib/retrieve/translate'
import { dictionaries } from '../lib/text/dictionary'
import { configFrom, embedderBuildReport, parseCli, run } from './cli'

run(async () => {
  const { values } = parseCli({ 'with-embedder': { type: 'boolean' } })
  const config = configFrom(values)
  if (values['with-embedder']) await createEmbedder(BUILTIN_EMBEDDER_ID, { cacheDir: config.CACHE_DIR, ...embedderBuildReport() })
  dictionaries(config.CACHE_DIR)
  new EnglishChineseDictionary(undefined, config.CACHE_DIR).lookup(['cache'])
  return 0
})
