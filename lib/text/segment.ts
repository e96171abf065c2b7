import { crc32 } from 'node:zlib'
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import { stemmer } from 'stemmer'
import { isHan } from './lang'

export { isHan }

let jieba: Jieba | undefined
/** The segmenter retrieval shares (it learns the corpus glossary's terms, see glossary.ts). */
export function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict)
  return jieba
}

let plain: Jieba | undefined
/** A segmenter with jieba's dictionary only: for output that must not depend on what was loaded before (romanization). */
export function getPlainJieba(): Jieba {
  plain ??= Jieba.withDict(dict)
  return plain
}

const WORDLIKE = /^[\p{L}\p{N}][\p{L}\p{N}&.\-']*$/u

/** English words that carry no meaning for retrieval. */
export const ENGLISH_STOPWORDS = new Set(
  (
    'a an the of to in on at by for with from into about as and or but not no nor is are was were be been being ' +
    'do does did done has have had having this that these those it its they them their there here what which who whom whose ' +
    'when where why how than then so such can could will would shall should may might must also very more most some any ' +
    'each other one two many much all both between over under up down out our we you your he she his her i me my ' +
    's t etc eg ie according text article author authors say says said mean means'
  ).split(/\s+/),
)

/**
 * Names this stopword list: the dictionary and embedder caches built with it record it, so a cache
 * built with another list (an older version of the code) is rebuilt instead of read.
 */
export const STOPWORDS_FINGERPRINT = crc32([...ENGLISH_STOPWORDS].sort().join(' ')).toString(16)

/** Chinese function words and punctuation-like tokens that add nothing to matching. */
export const CHINESE_STOPWORDS = new Set(
  '的 了 和 与 及 或 在 是 为 对 于 以 将 把 被 之 其 等 也 都 而 并 中 上 下 个 这 那 有 就 不 从 到 由 向 给 让 使 着 过 又 还 哪 哪些 什么 怎么 如何 为什么 吗 呢 吧 啊 多少 哪个 哪篇 谁 是否 一个 一些 我们 他们 文中 本文 作者 文章'.split(
    ' ',
  ),
)

export function stemEnglish(word: string): string {
  return stemmer(word.toLowerCase())
}

const wordsOnly = (pieces: string[]) => pieces.map((w) => w.trim()).filter((w) => w && WORDLIKE.test(w))

/** Segment text into jieba words (punctuation and white space removed). */
export function segment(text: string, forSearch = false, j: Jieba = getJieba()): string[] {
  return wordsOnly(forSearch ? j.cutForSearch(text, true) : j.cut(text, true))
}

/**
 * Both segmentations of a text from one jieba pass where possible (an ingest needs both for every
 * passage): search mode's words, and the plain cut's recovered from them.
 */
export function segmentBoth(text: string, j: Jieba = getJieba()): { words: string[]; searchWords: string[] } {
  const search = j.cutForSearch(text, true)
  return { words: wordsOnly(cutFromSearch(text, search) ?? j.cut(text, true)), searchWords: wordsOnly(search) }
}

/**
 * The plain cut of a text from its search-mode pieces, which are the cut's pieces (they tile the
 * text) each preceded by the dictionary words inside it. Walking back from the end, each piece
 * ends where the next one starts and a shorter piece inside the last one taken is one of its
 * dictionary words; undefined when the pieces do not tile the text that way (about 2% of passages),
 * so the caller cuts again rather than guess.
 */
export function cutFromSearch(text: string, search: string[]): string[] | undefined {
  const pieces: string[] = []
  let end = text.length
  let piece = ''
  for (let i = search.length - 1; i >= 0; i--) {
    const t = search[i]
    if (piece.length > 2 && t.length < piece.length && piece.includes(t)) continue
    if (t.length > end || !text.startsWith(t, end - t.length)) return undefined
    pieces.push(t)
    piece = t
    end -= t.length
  }
  return end === 0 ? pieces.reverse() : undefined
}

/**
 * Lexical terms of a text: Chinese words (search-mode segmentation, so compounds also yield
 * their parts) and stemmed English words, stop words removed.
 */
export function lexicalTerms(text: string): string[] {
  return lexicalTermsOf(segment(text, true))
}

/** Lexical terms from a text's search-mode words. */
export function lexicalTermsOf(searchWords: string[]): string[] {
  const out: string[] = []
  for (const w of searchWords) {
    if (isHan(w)) {
      if (!CHINESE_STOPWORDS.has(w)) out.push(w)
    } else {
      const lower = w.toLowerCase()
      if (/^[a-z]/.test(lower)) {
        if (!ENGLISH_STOPWORDS.has(lower)) out.push(stemEnglish(lower))
      } else out.push(lower)
    }
  }
  return out
}

/** English words of a text, lower-cased, in order (used by query analysis). */
export function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z][A-Za-z'&.-]*[A-Za-z]|[A-Za-z]/g) ?? []).map((w) => w.toLowerCase().replace(/'s$/, ''))
}
