import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeBinaryCache } from '../../lib/binary-cache'
import { EnglishChineseDictionary } from '../../lib/retrieve/translate'
import { dictionaries } from '../../lib/text/dictionary'
import { STOPWORDS_FINGERPRINT } from '../../lib/text/segment'
import { CACHE_DIR, tempDir } from '../helpers'

describe('the English–Chinese dictionary cache', () => {
  it('is rebuilt, not read, when it was built with another stopword list (older code)', () => {
    const dir = tempDir('cache-')
    dictionaries(CACHE_DIR) // (built once by npm install; built here when a test runs first)
    copyFileSync(join(CACHE_DIR, 'dictionaries-v2.bin'), join(dir, 'dictionaries-v2.bin'))
    // a cache of the same version whose gloss words were filtered with another list: it maps "cache" to nothing
    writeBinaryCache(join(dir, 'en-zh-v2.bin'), { version: 2, stopwords: 'another-list' }, {})
    expect(new EnglishChineseDictionary(undefined, dir).lookup(['technology'])).toContain('技术')
    expect(readFileSync(join(dir, 'en-zh-v2.bin')).toString('utf8', 12, 200)).toContain(`"stopwords":"${STOPWORDS_FINGERPRINT}"`)
  })
})
