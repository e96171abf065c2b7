import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cutFromSearch, getJieba, segment, segmentBoth } from '../../lib/text/segment'
import { CORPUS_DIR } from '../helpers'

/** Every line of the shipped texts, plus text that search mode splits inside long words. */
function samples(): string[] {
  const lines = readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .flatMap((name) => readFileSync(join(CORPUS_DIR, name), 'utf8').split('\n'))
    .filter((line) => line.trim())
  return [
    ...lines,
    '中华人民共和国科学技术部与俄罗斯联邦科学和高等教育部',
    '人民人民共和国共和国',
    'AI 与人工智能（artificial intelligence），2024年',
    '',
    '   ',
  ]
}

describe('segmentBoth', () => {
  it('gives exactly the plain cut and the search-mode words that two jieba passes give', () => {
    for (const text of samples()) {
      const both = segmentBoth(text)
      expect(both.words).toEqual(segment(text))
      expect(both.searchWords).toEqual(segment(text, true))
    }
  })

  it('recovers the plain cut from search mode for most lines, and never a different one', () => {
    const jieba = getJieba()
    let recovered = 0
    const lines = samples()
    for (const text of lines) {
      const cut = cutFromSearch(text, jieba.cutForSearch(text, true))
      if (!cut) continue
      expect(cut).toEqual(jieba.cut(text, true))
      recovered++
    }
    expect(recovered / lines.length).toBeGreaterThan(0.8)
  })

  it('declines pieces that do not tile the text', () => {
    expect(cutFromSearch('中国科学院', ['中国', '科学'])).toBeUndefined()
    expect(cutFromSearch('中国科学院', ['科学院', '中国'])).toBeUndefined()
    expect(cutFromSearch('中国科学院', ['中国', '科学', '学院', '科学院'])).toEqual(['中国', '科学院'])
  })
})
