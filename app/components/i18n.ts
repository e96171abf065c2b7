'use client'
import { useEffect, useState } from 'react'

export type UiLang = 'zh' | 'en'

export const STRINGS = {
  zh: {
    title: '中文文献研究助手',
    subtitle: '基于所收录文献回答问题，每个论断都附带可核查的引用。',
    placeholder: '用中文或英文提问……',
    tooLong: '问题超过 {max} 字（现在 {n} 字），请缩短后再发送。',
    send: '发送',
    stop: '停止',
    regenerate: '重新生成',
    copy: '复制',
    copied: '已复制',
    clear: '清空对话',
    examples: '可以这样问：',
    sources: '引用来源',
    openDocument: '在原文中查看',
    close: '关闭',
    passage: '引用段落',
    footnote: '脚注条目',
    answerer: '回答方式',
    embedder: '向量模型',
    extractive: '离线摘录',
    llm: '大语言模型',
    abstained: '文献中未找到答案',
    search: '段落检索',
    error: '出错了：',
    thinking: '正在检索……',
    loadingIndex: '正在加载索引……',
    wordByWord: '逐词释义',
    chat: '对话',
    searchHelp: '用中文或英文检索所收录的文献；点击结果在原文中查看。',
    query: '检索词',
    document: '文献',
    allDocuments: '全部文献',
    searchButton: '检索',
    noHits: '没有找到相关段落。',
    closestOnly: '没有段落包含这些词，下面是意思最接近的段落。',
    offlineAnswers: '离线回答：摘录文献原文并注明出处',
    llmAnswers: '由大语言模型根据文献回答',
    repeats: '即前一条注释所引文献：',
  },
  en: {
    title: 'Chinese Research Assistant',
    subtitle: 'Answers from the indexed Chinese documents; every claim carries a citation you can check.',
    placeholder: 'Ask in Chinese or English…',
    tooLong: 'The question is longer than {max} characters ({n} now); shorten it to send it.',
    send: 'Send',
    stop: 'Stop',
    regenerate: 'Regenerate',
    copy: 'Copy',
    copied: 'Copied',
    clear: 'Clear chat',
    examples: 'Try asking:',
    sources: 'Sources',
    openDocument: 'Open in document',
    close: 'Close',
    passage: 'Cited passage',
    footnote: 'Footnote entry',
    answerer: 'Answerer',
    embedder: 'Embedder',
    extractive: 'offline extractive',
    llm: 'LLM',
    abstained: 'not answered by the documents',
    search: 'Passage search',
    error: 'Error: ',
    thinking: 'Searching…',
    loadingIndex: 'loading the index…',
    wordByWord: 'Word-by-word gloss',
    chat: 'Chat',
    searchHelp: 'Search the indexed documents in Chinese or English; open a hit to see it in its document.',
    query: 'Query',
    document: 'Document',
    allDocuments: 'All documents',
    searchButton: 'Search',
    noHits: 'No passages found.',
    closestOnly: 'No passage contains these words; these are the closest in meaning.',
    offlineAnswers: 'Offline answers: quoted from the documents, with citations',
    llmAnswers: 'Answers by an LLM from the documents',
    repeats: 'The source of the note before it:',
  },
} satisfies Record<UiLang, Record<string, string>>

export type Strings = (typeof STRINGS)['en']

/**
 * The interface language before the visitor chooses one: the first of Chinese and English in the
 * browser's languages, English when it lists neither (more readers of a non-Chinese browser read it).
 */
export function browserUiLang(languages: readonly string[]): UiLang {
  const known = languages.map((l) => l.toLowerCase()).find((l) => /^(zh|en)\b/.test(l))
  return known?.startsWith('zh') ? 'zh' : 'en'
}

/** The interface language: the visitor's choice, remembered across visits, else the browser's. */
export function useUiLang(): [UiLang, (l: UiLang) => void] {
  const [lang, setLang] = useState<UiLang>('zh')
  useEffect(() => {
    const saved = localStorage.getItem('ui-lang')
    setLang(saved === 'zh' || saved === 'en' ? saved : browserUiLang(navigator.languages))
  }, [])
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  }, [lang])
  return [
    lang,
    (l) => {
      localStorage.setItem('ui-lang', l)
      setLang(l)
    },
  ]
}
