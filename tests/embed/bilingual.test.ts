import { describe, expect, it } from 'vitest'
import { BilingualEmbedder } from '../../lib/embed/bilingual'
import { dot } from '../../lib/embed/types'
import { cleanGloss, dictionaryEntries } from '../../lib/text/dictionary'
import { CACHE_DIR } from '../helpers'

describe('built-in bilingual embedder', () => {
  const embedder = BilingualEmbedder.load(CACHE_DIR)

  it('puts dictionary translation pairs closer than unrelated pairs', () => {
    // a deterministic sample of two-character headwords with a one-word gloss, taken from the dictionary
    const pairs = dictionaryEntries()
      .filter((e) => [...e.word].length === 2 && /^[a-z]{4,}$/.test(cleanGloss(e.glosses[0])))
      .filter((_, i) => i % 97 === 0)
      .slice(0, 100)
      .map((e) => ({ zh: e.word, en: cleanGloss(e.glosses[0]) }))
    expect(pairs.length).toBe(100)
    let closer = 0
    pairs.forEach(({ zh, en }, i) => {
      const unrelated = pairs[(i + 37) % pairs.length].en
      const zhVector = embedder.embedText(zh)
      if (dot(zhVector, embedder.embedText(en)) > dot(zhVector, embedder.embedText(unrelated))) closer++
    })
    expect(closer).toBeGreaterThanOrEqual(90)
  })

  it('is deterministic and unit length', () => {
    const a = embedder.embedText('技术转移环境亟待改善')
    const b = embedder.embedText('技术转移环境亟待改善')
    expect(Array.from(a)).toEqual(Array.from(b))
    expect(dot(a, a)).toBeCloseTo(1, 5)
  })

  it('backs off to characters for compounds the dictionary lacks', () => {
    expect(embedder.chineseVector('科创协同体')).toBeNull()
    const v = embedder.embedText('科创协同体')
    expect(dot(v, v)).toBeCloseTo(1, 5)
  })
})

describe('built-in embedder geometry', () => {
  it('spreads unrelated passages apart (centred text vectors)', async () => {
    const { readFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { CORPUS_DIR } = await import('../helpers')
    const embedder = BilingualEmbedder.load(CACHE_DIR)
    const paragraphs = ['zheng-china-russia-sti-cooperation-risks.txt', 'tang-china-russia-st-cooperation-2025-uncertainty.txt']
      .flatMap((f) => readFileSync(join(CORPUS_DIR, f), 'utf8').split(/\n\s*\n/))
      .filter((p) => p.length > 80)
    // everyday Chinese on other subjects, written for this test
    const unrelated = ['今天早上我在市场买了新鲜的蔬菜和水果，回家做了一顿丰盛的午饭。', '这只小猫喜欢在阳光下睡觉，醒来以后就追着毛线球跑来跑去。']
    const vectors = [...paragraphs.slice(0, 30), ...unrelated].map((p) => embedder.embedText(p))
    let sum = 0
    let pairs = 0
    for (let i = 0; i < vectors.length; i++)
      for (let j = i + 1; j < vectors.length; j++) {
        sum += dot(vectors[i], vectors[j])
        pairs++
      }
    // measured: 0.15 centred, 0.24 with the same vectors uncentred
    expect(sum / pairs).toBeLessThan(0.2)
  })
})
