import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chineseIdf, dictionaries, dictionaryEntries, glossesOf, sensesOf } from '../../lib/text/dictionary'
import { romanizeName } from '../../lib/text/pinyin'
import { CACHE_DIR, tempDir } from '../helpers'

describe('compact dictionaries', () => {
  it('look up glosses, readings and idf without loading CC-CEDICT', () => {
    expect(glossesOf('合作', dictionaries())[0]).toMatch(/^to cooperate/)
    expect(glossesOf('不是一个词的词', dictionaries())).toEqual([])
    expect(chineseIdf('合作')).toBeLessThan(chineseIdf('量子纠缠'))
    expect(chineseIdf('constructor')).toBe(dictionaries().idfMedian)
    expect(romanizeName('郑世民')).toEqual({ family: 'Zheng', given: 'Shimin' })
  })

  it('keep every sense as CC-CEDICT writes it, usage notes included, in dictionary order', () => {
    for (const word of ['大学', '合作', '美国', '行']) {
      const expected = dictionaryEntries()
        .filter((e) => e.word === word)
        .flatMap((e) => e.glosses)
      expect(sensesOf(word)).toEqual(expected)
    }
    const noted = dictionaryEntries().find((e) => e.glosses.some((g) => g.includes('(')))!
    expect(sensesOf(noted.word).some((g) => g.includes('('))).toBe(true)
    expect(sensesOf('不是一个词的词')).toEqual([])
  })

  it('are rebuilt when the cache file is damaged', () => {
    const good = dictionaries()
    const bytes = readFileSync(join(CACHE_DIR, 'dictionaries-v2.bin'))
    bytes[bytes.length >> 1] ^= 0xff
    const dir = tempDir('dict-cache-')
    writeFileSync(join(dir, 'dictionaries-v2.bin'), bytes)
    const rebuilt = dictionaries(dir)
    expect(rebuilt.headwords.size).toBe(good.headwords.size)
    expect(glossesOf('合作', rebuilt)).toEqual(glossesOf('合作', good))
    // and the rebuilt file is whole again
    expect(readFileSync(join(dir, 'dictionaries-v2.bin')).equals(bytes)).toBe(false)
  }, 120_000)
})
