import type { QueryTermGroup } from '../index/lexical'
import { demonymBases } from '../text/demonyms'
import { chineseIdf, cleanGloss, sensesOf } from '../text/dictionary'
import { detectLang, isTraditional, toSimplified } from '../text/lang'
import { chineseNumber } from '../text/numerals'
import { namesForPinyin, PINYIN_NAME_RUN } from '../text/pinyin'
import { escapeRegExp } from '../text/regex'
import { CHINESE_STOPWORDS, englishWords, getJieba, isHan, lexicalTerms, segment, stemEnglish } from '../text/segment'
import type { Lang } from '../types'
import { type EnglishChineseDictionary, isQuestionStopword, type Translation, translateEnglish } from './translate'

export interface QueryAnalysis {
  question: string
  /** Simplified-Chinese form of the question */
  normalized: string
  lang: Lang
  traditional: boolean
  /** the question asks which source is cited: the notes/reference list is searched too */
  citationIntent: boolean
  groups: QueryTermGroup[]
  translations: Translation[]
  /** text given to the dense retriever: the question plus its Chinese translations */
  denseText: string
}

// Words that say what kind of answer is wanted (a citation, a source, a speech) rather than what it is about.
const META_TERMS = new Set(
  (
    '出处 引用 引述 来源 参考 参考文献 脚注 注释 讲话 论述 提到 提及 指出 认为 表示 说 讲 关于 内容 观点 是 题目 标题 题名 篇名 ' +
    'cite citat sourc refer footnot quot mention state statement speech remark claim discuss describ titl'
  ).split(' '),
)

const isMeta = (group: QueryTermGroup) => group.terms.every((t) => META_TERMS.has(t)) || META_TERMS.has(stemEnglish(group.source ?? ''))

const SOURCE_WORDS = /\b(cite[sd]?|citing|citation|sources?|reference[sd]?|footnotes?)\b|引用|引述|引自|援引|所引|引的|引了|出处|来源|参考文献|脚注|注释|文献/i
const QUOTE_WORDS = /\bquot(?:e|es|ed|ing)\b/i
// "what phrase does the article quote": the quoted words, not the work they come from
const QUOTED_WORDS = /\b(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?:phrase|words?|term|expression|slogan|wording)\b.*\bquot/i

/** "Which source does the article cite for X?" rather than "what does it say about X?" */
export function isCitationQuestion(question: string): boolean {
  return SOURCE_WORDS.test(question) || (QUOTE_WORDS.test(question) && !QUOTED_WORDS.test(question))
}

/** How much a term tells apart (jieba's IDF; for English, its rarest translation's). */
function termSpecificity(group: QueryTermGroup): number {
  const chinese = group.terms.filter(isHan)
  if (chinese.length) return Math.max(...chinese.map(chineseIdf))
  return 9 // a Latin name or acronym: as specific as a rare word
}

// markup pasted into a question (a script with its code, tags with their attributes) is no part of what is asked
const MARKUP = /<(script|style)\b[^<>]*>[\s\S]*?<\/\1\s*>|<\/?[a-z][^<>]*>/gi

/** The question without HTML markup: "<b>粗体</b> 中俄合作" asks about 粗体 and 中俄合作, not about b. */
export function withoutMarkup(question: string): string {
  return question.replace(MARKUP, ' ')
}

export function analyzeQuery(question: string, dictionary: EnglishChineseDictionary, inCorpus: (term: string) => boolean): QueryAnalysis {
  const normalized = standardQuestionWords(toSimplified(withoutMarkup(question).trim()))
  const lang = detectLang(normalized)
  const groups: QueryTermGroup[] = []
  const translations: Translation[] = []
  const guessed = new Set<QueryTermGroup>()

  // Chinese words of the question (Latin words inside a Chinese question stay as they are)
  const chinesePart = lang === 'en' ? '' : normalized
  for (const term of new Set(lexicalTerms(chinesePart))) groups.push({ terms: [term], weight: 1, source: term })

  if (lang !== 'zh') {
    const englishPart = undotAcronyms(normalized).replace(/\p{Script=Han}+/gu, ' ')
    for (const found of translateEnglish(englishPart, dictionary, inCorpus)) {
      const t = asAcronym(found, englishPart, dictionary, inCorpus)
      translations.push(t)
      // the English words themselves count too: English text in the corpus (references, abstracts)
      const stems = t.english.split(' ').map(stemEnglish)
      const group: QueryTermGroup = { terms: [...t.chinese, ...stems], weight: 1, source: t.english, ...(t.unknown ? { untranslated: true } : {}) }
      groups.push(group)
      if (t.loose) guessed.add(group)
    }
    // a Chinese name the question writes in pinyin (Yan Xuetong) is looked for as the index writes it (阎学通)
    for (const run of question.match(PINYIN_NAME_RUN) ?? []) {
      const names = namesForPinyin(run, inCorpus)
      if (names.length) groups.push({ terms: names, weight: 1, source: run })
    }
    // numbers read the same in both languages: an English question's year or count is looked for as written
    if (lang === 'en') for (const n of new Set(englishPart.match(/(?<![-/])\b\d{2,}\b(?![-/])/g))) groups.push({ terms: [n], weight: 1, source: n })
    // (a decade, the 1990s, is written 90 年代)
    if (lang === 'en')
      for (const [text, decade] of englishPart.matchAll(DECADE)) if (Number(decade[2]) >= 2) groups.push({ terms: [decade.slice(2)], weight: 1, source: text })
  }
  for (const g of groups) {
    // a guessed translation ranks less than a dictionary one
    g.weight = Math.min(2, termSpecificity(g) / 6) * (guessed.has(g) ? 0.5 : 1)
    if (isMeta(g)) g.meta = true
  }
  const chinese = translations.flatMap((t) => t.chinese.slice(0, 3))
  return {
    question,
    normalized,
    lang,
    traditional: isTraditional(question),
    citationIntent: isCitationQuestion(normalized),
    groups,
    translations,
    denseText: chinese.length ? `${normalized}\n${chinese.join(' ')}` : normalized,
  }
}

// colloquial question words and the standard ones the question readers know (啥时候: 什么时候, 咋样: 怎么样)
const COLLOQUIAL: [RegExp, string][] = [
  [/啥/g, '什么'],
  [/咋/g, '怎么'],
]

/** A question with its colloquial question words in their standard form. */
export function standardQuestionWords(question: string): string {
  return COLLOQUIAL.reduce((q, [colloquial, standard]) => q.replace(colloquial, standard), question)
}

/** "U.S." -> "US", "E.U." -> "EU": a dotted acronym is one word. */
export function undotAcronyms(text: string): string {
  return text.replace(/\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?/g, (_m, a: string, b: string, c?: string) => `${a}${b}${c ?? ''}`)
}

/**
 * A capitalised acronym (US, EU, IT) is a name, not the English word it spells ("us", whose stem
 * "us" also finds 使用 "to use"): its renderings are those the dictionary glosses with exactly that
 * acronym (美国 "United States; USA; US"), when there are any, else the corpus's words glossed with
 * the phrase it abbreviates (人工智能 "artificial intelligence" for AI).
 */
function asAcronym(t: Translation, englishText: string, dictionary: EnglishChineseDictionary, inCorpus: (term: string) => boolean): Translation {
  if (t.english.includes(' ')) return t
  const upper = t.english.toUpperCase()
  if (!/^[A-Z]{2,5}$/.test(upper) || !new RegExp(`\\b${upper}\\b`).test(englishText)) return t
  // (the corpus glossary's renderings are exact by construction)
  const glossary = dictionary.glossaryLookup([t.english])
  const exact = dictionary
    .lookup([t.english])
    .filter((zh) => glossary.includes(zh) || dictionary.glosses(zh, 20).some((g) => g.split(/[;,]/).some((part) => part.trim() === upper)))
  // (those the corpus has; else all of them, to say what it lacks)
  const found = t.chinese.filter((zh) => exact.includes(zh))
  // one glossed only in long form (AI: 人工智能 "artificial intelligence") counts when the corpus has it
  const long = exact.length ? [] : dictionary.longForms(upper).filter(inCorpus)
  const renderings = found.length ? found : exact.length ? exact : long
  // a rendering's one-character short form that shares one of its senses (美 "USA" for 美国: 美对华, 美欧)
  const parts = (zh: string) => new Set(dictionary.glosses(zh, 20).flatMap((g) => g.split(/[;,]/).map((p) => p.trim())))
  const short = renderings.filter((zh) => zh.length > 1 && [...parts(zh)].some((p) => parts(zh[0]).has(p))).map((zh) => zh[0])
  const chinese = [...new Set([...renderings, ...short])]
  return chinese.length ? { english: t.english, chinese, acronym: true } : t
}

/** Whether a lower-cased text contains a query term: an English stem as the start of a word, Chinese anywhere. */
export function containsTerm(lowerText: string, term: string): boolean {
  // (a stem's final i is a y in the word: economi, economy; uncertainti, uncertainty)
  if (/^[a-z]/.test(term)) return new RegExp(`\\b${term.replace(/[^a-z0-9]/g, '').replace(/i$/, '[iy]')}`).test(lowerText)
  // a number in a term is not part of a longer one (第 1 is not 第 14, 2 月 is not 12 月)
  return /^\d|\d$/.test(term) ? wholeNumberIn(lowerText, term) : lowerText.includes(term)
}

function wholeNumberIn(text: string, term: string): boolean {
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1))
    if (!/\d/.test(text[i + term.length] ?? '') && !/\d/.test(text[i - 1] ?? '')) return true
  return false
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

/** How Chinese text writes the month an English name names: 2月, 2 月 (the dictionary gives 二月). */
function monthForms(english: string): string[] {
  const n = MONTHS.indexOf(english.toLowerCase()) + 1
  return n ? [`${n}月`, `${n} 月`] : []
}

/** Chinese words of a text for highlighting (used by answerers to find matched terms). */
export function keyTerms(text: string): string[] {
  return segment(toSimplified(text)).filter((w) => w.length > 1)
}

/** What kind of answer a question asks for. */
export type AnswerType = 'number' | 'money' | 'date' | 'person' | 'place' | 'institution' | 'other'

/** A focus term: a name, a number or a content word the answer has to be about. */
export interface FocusTerm {
  /** as the question says it */
  text: string
  /** forms that count as support in a passage: Chinese words, English stems, digits */
  forms: string[]
  /** for a compound: its parts, all of which together also count as support */
  parts?: string[]
  /** a Chinese word the corpus lacks that may be the short form of a longer one: its characters in order, a few apart, count as support */
  abbreviates?: boolean
  kind: 'name' | 'number' | 'term'
  /** how much it tells apart (names and numbers weigh double) */
  weight: number
  /** the corpus never mentions it in any form the dictionary knows */
  absent?: boolean
  /** the Chinese the dictionary gives for an English term, to tell the asker what is missing */
  chinese?: string
  /** a verb naming the event the question asks about (建成, signed): the date or number must be given for it */
  event?: boolean
  /** the event verb's forms in a clause that gives the answer (its verb renderings and synonyms; else `forms`) */
  eventForms?: string[]
  /** an author naming their document ("the Zheng article", 郑文): its passages stand for it, no sentence need say it */
  namesDocument?: boolean
}

export interface QuestionFocus {
  terms: FocusTerm[]
  wants: AnswerType
  /** the unit a "how many" question counts in (个, 项, %, 年 …), 'city' for "in which city", or the kind of
   * institution "which university" asks for (a key of INSTITUTIONS) */
  unit?: string
  /** the question leans on an earlier one (it, this, 其, 该 …) */
  anaphora: boolean
}

// "what is the capital of X" asks for a city (not for capital as money: "how much capital" is asked with how much)
const CAPITAL = /\bwhat(?:'s|\s+is|\s+was)?\s+the\s+capital\b|\bcapital (?:city )?of\b|首(?:都|府)(?:是|在|为)?(?:哪|什么)|哪.{0,4}(?:是|为).{0,8}首(?:都|府)/i
// 几 asking "how many" (not after 最近, 这, 前, 好 or 十, where it is "a few": 最近几年 "in recent years"; nor 哪几, "which")
const HOW_MANY = '(?<![哪近这那前去后好十])几'
const WANTS: [AnswerType, RegExp][] = [
  // an identifier ("the approval number of the project", 批准号) is a code, not a count
  // "who is X affiliated with" asks for an institution, not a person
  ['other', /\bwho\b.*\b(affiliat\w*|works? (for|at))\b/i],
  // "where does the text say X" asks for a place in the text (a passage), not a place in the world
  [
    'other',
    /\bwhere\b.*\b(say|said|mention|discuss|describ|argu|state|talk|writ|wrote|note|cite|explain|address|deal)\w*|(哪里|哪儿|何处|什么地方)[^？?]{0,3}(提到|提及|说|讲|讨论|论述|谈到|谈及|写|指出|涉及|阐述)/i,
  ],
  [
    'other',
    /\b(approval|serial|registration|identification|reference|project|grant|document|phone|telephone|model|version|ID)\s+(number|no\.?)\b|编号|批准号|项目号|文号|序号|代码|电话号码/i,
  ],
  [
    'money',
    /多少(亿|万)?(元|美元|卢布|欧元|钱|资金)|资金规模|总投资|投资(额|了?多少)|成本|how much (money|funding|capital)|\bcost|\bbudget|\bprice|how much .*\b(invest|fund|spend|worth)|how many (?:(?:billion|million|thousand|trillion)\s+)?(?:yuan|rmb|renminbi|dollars|us dollars|usd|rubles|roubles|euros)\b|how (?:big|large) (?:is|was|will|are|were) (?:(?!of\b)[\w-]+\s+){0,8}?(?:fund|investment|budget|loan|grant)s?\b/i,
  ],
  [
    'number',
    new RegExp(
      `多少|${HOW_MANY}[个项名位家种次所座件篇份人倍年]|百分之|比例|比重|数额|总额|多久|多长时间|how many|how much|how long|what (percentage|proportion|share|number)|\\bpercent|\\b(value|volume|amount|size|total|number) of\\b`,
      'i',
    ),
  ],
  // (an English "when" inside the question joins a clause: "what do they face when they try to connect", as
  // does one opening a clause before the question: "When they look for partners, who do they try first?")
  [
    'date',
    /什么时候|何时|哪一?年|哪个?月|哪一天|(?:^|[.?!;:,]\s*|\b(?:and|so|but|since|until|tell \w+|know|ask)\s+)when\b(?:(?=\s+(?:was|is|were|are|did|does|do|will|would|can|could|has|have|had)\b)|(?![^,?]{1,120},\s*(?:who|whom|what|which|how|where|why)\b))|what year|which year|(?:what|which) (?:date|day)\b|\bthe (?:date|year) (?:when|that|on which|in which|the|it|they)\b/i,
  ],
  // (an English "who" after a noun starts a relative clause: "how does Russia treat scientists who go abroad")
  ['person', /谁|哪位|(?:^|[.?!;:,]\s*|\b(?:and|so|but|then|to|by|from|with|for|of|tell \w+|know|ask)\s+)(?:who|whom)\b/i],
  // (with a word or two between: "which Russian city", 哪个俄罗斯城市)
  [
    'place',
    /哪[个座]?(?:\p{Script=Han}{2,4})?(城市|地方|省|州)|哪里|哪儿|何地|\bwhere\b|\bin which\s+(?:[a-z-]+\s+){0,2}?(city|town|place|region)\b|\bwhich\s+(?:[a-z-]+\s+){0,2}?(city|town)\b/iu,
  ],
  ['place', CAPITAL],
]
// (年 counts years, not in 年轻 "young", 年代 "decade", 年度 "annual")
const UNIT = new RegExp(`(?:多少|${HOW_MANY})\\s*(亿元|万元|美元|元|亿|万|个|项|名|位|家|种|次|所|座|件|篇|份|人|倍|年(?![轻代度龄级纪]))`)
// "how long" counts time: a span (10~15 年, 三个月) answers it, whatever unit the text counts in
const DURATION = /多久|多长时间|\bhow long\b|\bhow many (?:more )?(?:years|months|weeks|days)\b/i
export const DURATION_UNIT = '(?:周年|年|个月|月|周|天|日|小时)'
// what an English "how many <noun>" counts in Chinese: the measure words that count that noun (a few adjectives may come between)
const ENGLISH_UNITS: [RegExp, string][] = [
  [/people|persons|scientists|researchers|students|experts|participants|members|staff|employees|workers|visitors|scholars|engineers/, '(?:人|名|位)'],
  [/times|rounds|sessions/, '(?:次|届|轮)'],
  [/companies|firms|enterprises|businesses|banks/, '家'],
  [/countries|nations/, '(?:个|国)'],
  [/projects|activities|agreements|items|events|programmes|programs/, '(?:项|个|份)'],
]

function englishUnit(question: string): string | undefined {
  // the counted noun is the first of the next three words that a measure word counts ("how many Chinese high-tech companies")
  const words =
    question
      .match(/\bhow many\s+((?:[\w-]+\s*){1,3})/i)?.[1]
      .toLowerCase()
      .split(/\s+/) ?? []
  const counted = words.slice(0, words.indexOf('of') >= 0 ? words.indexOf('of') : words.length)
  for (const noun of counted) {
    const unit = ENGLISH_UNITS.find(([re]) => new RegExp(`^(?:${re.source})$`).test(noun))?.[1]
    if (unit) return unit
  }
  return undefined
}
/** Whether a question points back to an earlier one (it, that, what about, 那……呢). */
export function pointsBack(question: string): boolean {
  return ANAPHORA.test(question)
}

const ANAPHORA =
  /\b(it|its|they|them|their|this|that|these|those|he|she|his|her|there)\b|^\s*(and|also|what about|how about|why|how so)\b|它|他们|她们|其|这些|那些|该|此|^\s*(那么?|还有|并且|而且)/i
// jieba part-of-speech tags of names: people, places, organisations, other proper nouns
// (not nz: jieba gives it to many common words)
const NAME_TAGS = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt'])
const CONTENT_TAGS = /^(n|vn|nz|l|i|j|eng|nr|nrt|nrfg|ns|nt|an|v)/
// words of a question that ask rather than tell
const QUESTION_WORDS = new Set(
  (
    '什么 哪些 哪个 哪 多少 如何 怎样 怎么 为什么 为何 是否 谁 哪位 何时 哪里 时候 目前 主要 具体 有 是 进行 开展 方面 问题 情况 规定 认为 ' +
    '原因 根源 目的 作用 意义 特点 内容 方式 措施 途径 结果 影响 角色 地位 进展 表现 城市 地方 时间 扮演 达到 共有 包括 ' +
    '文章 篇文章 文献 论述 讲话 报告 说法 观点 看法 看待 文中 本文 作者 多长时间 多长 多久 多大 多高 多远 多少年 东西 事情 ' +
    '一共 总共 全称 简称 中文 英文 名称 名字 开头 开篇 结尾 末尾 打算 想要 知道 告诉 请问'
  ).split(' '),
)

// words that refer back to the parties the question is about (两国: China and Russia, as the text says 中俄 or 双方)
const REFERRING_WORDS = new Set('两国 双方 两方 彼此 对方 两者'.split(' '))

// "where does he work", 在哪里工作, 工作单位: asks where someone works (a byline's affiliation), the work is no focus
const AFFILIATION_QUESTION =
  /\bwhere\s+(?:does|do|did)\s+(?:[\w.'-]+\s+){1,3}?work\b(?=\s*(?:[?？.,，;；]|$|(?:now|currently|today)\b))|\bwork(?:s|ed)?\s+(?:for|at)\b|在(?:哪里|哪儿|哪|什么地方|何处|哪个单位|什么单位)(?:工作|任职|供职|上班)|工作单位|(?:任职|供职)于?(?:哪|什么|何)/i
const AFFILIATION_WORDS = new Set(['work', 'works', 'worked', '工作', '任职', '供职', '上班', '工作单位', '单位'])

/** Whether a question asks where someone works ("where does he work", 在哪里工作, works for). */
export function isAffiliationQuestion(question: string): boolean {
  return AFFILIATION_QUESTION.test(question)
}

/**
 * Institutions a question may ask for by kind ("which university", 哪所大学): a Chinese name of one ends
 * in the word for its kind (清华大学, 新冠病毒联合实验室), which the answer has to give.
 */
export const INSTITUTIONS: Record<string, { asked: RegExp; suffix: string }> = {
  university: { asked: institutionAsked('(?:大学|高校)', '(?:universit(?:y|ies)|colleges?)'), suffix: '大学|学院' },
  laboratory: { asked: institutionAsked('(?:联合)?实验室', '(?:lab|labs|laborator(?:y|ies))'), suffix: '实验室' },
  bank: { asked: institutionAsked('银行', 'banks?'), suffix: '银行' },
  institute: { asked: institutionAsked('研究(?:所|院)', 'institutes?'), suffix: '研究所|研究院' },
}

/** 哪所大学; "which (Chinese) university", "what university", "what kind of bank" (not "what role do universities play"). */
function institutionAsked(chinese: string, english: string): RegExp {
  return new RegExp(`哪(?:所|个|些|家)?${chinese}|\\bwhich\\s+(?:[\\w-]+\\s+){0,2}?${english}\\b|\\bwhat\\s+(?:kinds?\\s+of\\s+)?${english}\\b`, 'i')
}

export function answerTypeOf(question: string): { wants: AnswerType; unit?: string } {
  const wants = WANTS.find(([, re]) => re.test(question))?.[0] ?? 'other'
  const institution = wants === 'other' ? Object.entries(INSTITUTIONS).find(([, k]) => k.asked.test(question))?.[0] : undefined
  if (institution) return { wants: 'institution', unit: institution }
  // (多少年 asks how long, as "how many years" does)
  const counted = question.match(UNIT)?.[1]
  const unit =
    (counted === '年' ? DURATION_UNIT : counted) ??
    (DURATION.test(question) ? DURATION_UNIT : undefined) ??
    englishUnit(question) ??
    (/percent|百分之|比例|比重/i.test(question)
      ? '%'
      : wants === 'place' && (/城市|\bcity\b|\btown\b/i.test(question) || CAPITAL.test(question))
        ? 'city'
        : undefined)
  return { wants, ...(unit ? { unit } : {}) }
}

// English verbs (stemmed) that name an event a date, a count or a name belongs to: "when was it signed" is not
// answered by the date something was discussed
const EVENT_VERBS =
  /^(sign|found|establish|launch|build|built|complet|held|hold|host|open|adopt|agre|announc|releas|publish|creat|approv|ratifi|join|award|elect|appoint|visit|attend|invest|fund|financ|export|import|produc|hire|emploi|enrol|graduat|emigr|migrat|die|born)$/

// a decade as English writes it: the 1990s
const DECADE = /\b((?:1[89]|20)\d0)s\b/g
const DIGIT_NAMES = '〇一二三四五六七八九'

/** How Chinese text writes a decade: 90 年代, 九十年代, 1990 年代 (the century, 20 世纪, often before it). */
function decadeForms(decade: string): string[] {
  const tens = decade.slice(2)
  // (spelled only from the twenties on: 十年代 alone would be inside every spelled decade)
  const spelled = Number(tens[0]) >= 2 ? [`${DIGIT_NAMES[Number(tens[0])]}十年代`] : []
  return [`${tens} 年代`, `${tens}年代`, ...spelled, `${decade} 年代`, `${decade}年代`]
}

// years and percentages (not decades like 1990s, which the text writes 90 年代: see DECADE)
const YEAR_OR_NUMBER = /\b(?:1[89]|20)\d{2}(?![\ds])|\d+(?:\.\d+)?%/g

// a range of small numbers: "10 to 15 years", 10~15年, 10-15, 10 至 15 (a range of years gives its years above)
const NUMBER_RANGE = /(?<![\d.])(\d{1,3})\s*(?:~|～|-|–|—|至|到|\bto\b)\s*(\d{1,3})(?![\d.])/g
const RANGE_JOINERS = ['~', '～', '-', '–', '—', '至', '到']

/** The ways a text writes a range of numbers: 10~15, 10 ~ 15, 10-15, 10—15, 10至15, 10 到 15 … */
export function rangeForms(low: string, high: string): string[] {
  return RANGE_JOINERS.flatMap((j) => [`${low}${j}${high}`, `${low} ${j} ${high}`])
}

/**
 * Whether one of a Chinese word's glosses opens with the English name (美国 "…; US" for US, 西方 "…; Western
 * countries" for Western), not one mentioning it further on (广岛 "Hiroshima, city in Japan"), or is a person's
 * full name ending with it (特朗普 "Donald Trump (1946–), …"). A single character names it only when it is first a
 * name and one of its senses is that name or abbreviates a word naming it (美 "USA (abbr. for 美国)", 俄
 * "Russia"; not 和 "and; … Japanese", which every text has).
 */
function glossNames(word: string, english: string): boolean {
  const senses = sensesOf(word)
  // (a word the dictionary lacks came from the glossary, which names it: 特朗普 for Trump)
  if (!senses.length) return true
  if ([...word].length === 1) {
    if (!/^(?:[A-Z]|the [A-Z])/.test(cleanGloss(senses[0]))) return false
    const abbreviated = senses.flatMap((s) => [...s.matchAll(/abbr\. for (?:[\p{Script=Han}]+\|)?(\p{Script=Han}+)/gu)].map((m) => m[1]))
    return namedIn(senses, english) || abbreviated.some((w) => namedIn(sensesOf(w), english))
  }
  return namedIn(senses, english)
}

/** Whether one of these senses' glosses opens with the English name, or is a full name ending with it. */
function namedIn(senses: string[], english: string): boolean {
  const words = english
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
  const name = new RegExp(`^${words.replace(/ /g, '[^a-z0-9]*')}(?![a-z0-9])`)
  const fullName = new RegExp(`^[a-z]+(?: [a-z]+)? ${words}$`)
  return senses
    .flatMap((sense) => sense.split(';'))
    .map((gloss) => cleanGloss(gloss).toLowerCase())
    .some((gloss) => name.test(gloss) || fullName.test(gloss.split(',')[0].trim()))
}

/** A proper name's first sense as the dictionary writes it ("Russia"), lower-cased; '' for a common word. */
function nameSense(word: string): string {
  return /^[A-Z]/.test(sensesOf(word)[0] ?? '') ? firstSense(word) : ''
}

/** A word's first sense, cleaned and lower-cased ("brain drain"), '' when it has none. */
function firstSense(word: string): string {
  return (cleanGloss(sensesOf(word)[0] ?? '').split(/[;,]/)[0] ?? '').trim().toLowerCase()
}

/** Names of the corpus for the same thing as a Chinese name it never uses: the same first sense (俄国 "Russia", 俄罗斯 "Russia"). */
export function nameSynonyms(word: string, chineseFor: (englishWords: string[]) => string[], inCorpus: (term: string) => boolean): string[] {
  const meaning = nameSense(word)
  if (!meaning) return []
  return chineseFor(meaning.split(' ')).filter((zh) => zh !== word && isHan(zh) && inCorpus(zh) && nameSense(zh) === meaning)
}

/**
 * Words of the corpus that share a word's first sense, where that sense is a phrase (人才外流 and
 * 人才流失 are both first "brain drain"): one-word senses ("to transfer") join too many words.
 */
export function sameSenseWords(word: string, chineseFor: (englishWords: string[]) => string[], inCorpus: (term: string) => boolean): string[] {
  const sense = firstSense(word)
  if (sense.replace(/^to /, '').split(' ').length < 2) return []
  return chineseFor(sense.split(' ')).filter((zh) => zh !== word && isHan(zh) && zh.length >= 2 && inCorpus(zh) && firstSense(zh) === sense)
}

// a measure word a question word takes (哪份, 几个), which the segmenter may glue to the noun after it
const MEASURE_WORDS = /^[份个种类项条篇部家位所座件次名批届]/

// characters that are grammar, not sounds of a transliterated name
// (and a modal verb, the locative 上 or the superlative 最 glued to a neighbour: 上能 in 产业上能合作 "can cooperate
// in industry", 最缺 "lacks most")
const GRAMMATICAL = /[是的了着过吗呢吧么能会要可上最]/
const DEMONSTRATIVE = /^[这那此该本每各]/
// verbs of being, having and saying: "how many trends appeared (出现)" counts things, it dates or counts no event
const NOT_EVENTS = new Set('出现 存在 具有 拥有 包含 涉及 面临 提到 提及 谈到 列出 表示 指出 认为 称'.split(' '))
// words that grade an adjective (or a verb of state) after them
const DEGREE_ADVERBS = new Set('很 非常 比较 较 最 更 更加 十分 特别 极 极其 相当 太 挺 颇 尤其'.split(' '))

/** A word the segmenter glued from a degree adverb and what it qualifies (很难 "very hard"). */
const degreeLed = (word: string) => [...DEGREE_ADVERBS].some((adverb) => word.length > adverb.length && word.startsWith(adverb))

// what a verb's first sense does when it is talking, moving or minding (to discuss, to come in, to intend), not an event
const NOT_EVENT_SENSES = /^(?:discuss|consult|talk|chat|come|go|enter|say|speak|tell|think|consid|want|wish|hope|intend|plan|need|like|know|see|look|seem)$/

/**
 * Whether a Chinese verb names an event a date, count or name belongs to (签署, 提出, 召开); not a verb of
 * being, having or saying (出现, 提到), nor one whose first sense is talking, moving or minding (商量 "to
 * consult", 进来 "to come in"), which the text may say otherwise.
 */
function namesEvent(verb: string): boolean {
  if (NOT_EVENTS.has(verb)) return false
  const head = englishWords(cleanGloss(sensesOf(verb)[0] ?? '').replace(/^to\s+/i, ''))[0]
  return !head || !NOT_EVENT_SENSES.test(stemEnglish(head))
}

// a verb of saying or an adverb the segmenter glues to a name it does not know (耶伦说, 普京称, 他们都)
const GLUED_AFTER_NAME = /[说称讲曾等也都还就又]$/

/** An unknown word without a verb of saying or an adverb glued to its end (耶伦说: 耶伦). */
function withoutGluedWord(word: string, inCorpus: (term: string) => boolean): string {
  return word.length >= 3 && !inCorpus(word) && GLUED_AFTER_NAME.test(word) ? word.slice(0, -1) : word
}

// a first sense of claiming or saying: "who claimed (声称) X" asks about X, whatever verb the text uses
const CLAIMING_SENSE = /^to (?:claim|assert|allege|say)\b/

/** Whether a Chinese word is first a verb of claiming or saying (声称, 宣称), which the segmenter may tag as a noun. */
function claimsOrSays(word: string): boolean {
  return isHan(word) && CLAIMING_SENSE.test(cleanGloss(sensesOf(word)[0] ?? ''))
}

/** CC-CEDICT knows the word, first as a common word (探月 "lunar exploration"), not as a name (莫迪 "Modi"). */
function commonWord(word: string): boolean {
  const first = sensesOf(word)[0]
  return !!first && /^[a-z(]/.test(cleanGloss(first))
}

/** Ordinals in both ways Chinese writes them: 第一 is also 第1 and 第 1 ("第 1 组" answers "the first group"). */
export function withArabicOrdinals(forms: string[]): string[] {
  const arabic = forms.flatMap((f) => {
    const numeral = f.match(/^第([一二三四五六七八九])$/)?.[1]
    const digit = numeral ? chineseNumber(numeral) : 0
    return digit ? [`第${digit}`, `第 ${digit}`] : []
  })
  return arabic.length ? [...forms, ...arabic.filter((f) => !forms.includes(f))] : forms
}

/**
 * The question's focus: names (jieba's proper-noun tags; capitalised English words), numbers and
 * years, and its other content words weighted by how specific they are; plus the kind of answer
 * it asks for. English terms carry their exact dictionary translations (not loose guesses), so
 * "Africa" is not taken as supported by 南非.
 */
export function questionFocus(
  analysis: QueryAnalysis,
  chineseFor: (englishWords: string[]) => string[],
  inCorpus: (term: string) => boolean = () => true,
  /** whether the dictionary renders these English words as a proper noun (Kazan 喀山, Africa 非洲) */
  properNoun: (english: string) => boolean = () => true,
): QuestionFocus {
  const terms: FocusTerm[] = []
  const seen = new Set<string>()
  const add = (t: FocusTerm) => {
    // (an English word counts as its stem: "mentioned" is as little a focus as 提到)
    if (seen.has(t.text) || META_TERMS.has(t.text) || (!isHan(t.text) && META_TERMS.has(stemEnglish(t.text.toLowerCase())))) return
    seen.add(t.text)
    terms.push({ ...t, forms: withArabicOrdinals(t.forms) })
  }
  for (const n of analysis.normalized.match(YEAR_OR_NUMBER) ?? []) add({ text: n, forms: [n], kind: 'number', weight: 2 })
  for (const [text, decade] of analysis.normalized.matchAll(DECADE)) add({ text, forms: decadeForms(decade), kind: 'term', weight: 2 })
  // a range is as telling as a name, but a text may give it otherwise (ten to fifteen): not required like a year
  for (const [, low, high] of analysis.normalized.matchAll(NUMBER_RANGE)) add({ text: `${low}-${high}`, forms: rangeForms(low, high), kind: 'term', weight: 2 })
  if (analysis.lang !== 'en') {
    // (in a question mixing the languages, "上一版是哪年颁布的？ And the new one?", the English words are read
    // as English below, not as identifiers of a Chinese sentence: only acronyms and codes stay here)
    const translated = new Set(analysis.lang === 'mixed' ? analysis.translations.flatMap((t) => t.english.split(' ')) : [])
    const ownWord = (m: string) => analysis.lang !== 'mixed' || !(isQuestionStopword(m) || translated.has(m.toLowerCase()))
    const chinese = analysis.normalized.replace(/[A-Za-z0-9%.\s]+/g, (m) => (/[A-Za-z]/.test(m) ? m.split(/\s+/).filter(ownWord).join(' ') || ' ' : ' '))
    let previous = ''
    for (const tagged of getJieba().tag(chinese, true)) {
      const after = previous
      previous = tagged.word
      // "哪份文件" may be cut 哪 / 份文件: the measure word belongs to the question word
      const cut = /[哪几]$/.test(after) && MEASURE_WORDS.test(tagged.word) && tagged.word.length >= 3 ? tagged.word.slice(1) : tagged.word
      const unknown = tagged.tag === 'x' && isHan(cut) && cut.length >= 2
      // a word jieba does not know may be a name glued to the verb after it (耶伦说: 耶伦)
      const word = unknown ? withoutGluedWord(cut, inCorpus) : cut
      // a Chinese word jieba does not know at all (莫迪, a transliterated name) is most likely a name
      // (but not a question word it does not know: 哪类, 多高; nor a word glued to a particle: 令是 in 行政令是哪一年;
      // nor a demonstrative with its measure word: 那篇, 这句; nor a word CC-CEDICT knows as a common word: 探月;
      // nor a degree adverb glued to its adjective, the asker's judgement: 很难, 非常少)
      const tag =
        unknown && !/^(哪|多|几|什|怎|何|如何|为何)|[何哪]/.test(word) && !GRAMMATICAL.test(word) && !DEMONSTRATIVE.test(word) && !degreeLed(word)
          ? commonWord(word)
            ? 'n'
            : 'nr'
          : tagged.tag
      // (哪几个, 哪份, 哪种: "which" with a measure word asks, whatever the segmenter made of it)
      if (
        !/[\p{Script=Han}A-Za-z]/u.test(word) ||
        CHINESE_STOPWORDS.has(word) ||
        QUESTION_WORDS.has(word) ||
        REFERRING_WORDS.has(word) ||
        claimsOrSays(word) ||
        /^(?:哪|多少)/.test(word) ||
        !CONTENT_TAGS.test(tag)
      )
        continue
      if (tag === 'v' && word.length < 2) continue
      // a Latin token in a Chinese question (5G, NICA, G20) is an identifier
      const name = (NAME_TAGS.has(tag) || tag === 'eng') && word.length >= 2
      // a compound's parts stand for it only when together they cover every character (进口商品 = 进口 + 商品, not 贸易额 = 贸易)
      const split = word.length >= 3 ? lexicalTerms(word).filter((p) => p !== word && p.length >= 2) : []
      const parts = [...word].every((c) => split.some((p) => p.includes(c))) ? split : []
      const weight = (isHan(word) ? Math.min(2, chineseIdf(word) / 6) : 1.5) * (name ? 2 : 1)
      // a name the corpus writes otherwise (俄国 for 俄罗斯) is supported where the corpus has it, and so is
      // a word the corpus writes with another of the same first sense (人才外流, 人才流失: "brain drain")
      const synonyms = isHan(word) && !inCorpus(word) ? (name ? nameSynonyms(word, chineseFor, inCorpus) : sameSenseWords(word, chineseFor, inCorpus)) : []
      // (a verb the corpus never uses is most likely the asker's word for one it does: 下设 for 设有, 抗击 for 抗疫;
      // it names nothing the documents could lack, as a name or a thing does; and a word CC-CEDICT does not
      // know, whose synonyms and translations cannot be checked, is too weak a sign that they lack it)
      // (nor does an adjective, which a degree adverb marks: 比较少见 "rather rare" is the asker's judgement)
      const describes = tag.startsWith('v') || tag.startsWith('a') || DEGREE_ADVERBS.has(after)
      const lacking = isHan(word) && !inCorpus(word) && !synonyms.length && !(parts.length && parts.every(inCorpus)) && !describes
      // (a two-character noun the segmenter knows but CC-CEDICT lacks is mostly a short form, 军工 for 军事工业:
      // it is lacking unless the passages write it out, as `abbreviates` checks)
      const shortNoun = !unknown && tag === 'n' && word.length === 2 && isHan(word)
      const absent = lacking && (sensesOf(word).length > 0 || shortNoun)
      // a compound the corpus lacks may be written with a synonym of its missing part (技术转让: 技术转移)
      const variants = lacking && parts.length ? compoundVariants(word, parts, chineseFor, inCorpus) : []
      // a word the corpus lacks may be the short form of one it has (上合组织: 上海合作组织)
      const abbreviation = isHan(word) && ((word.length >= 3 && word.length <= 6) || shortNoun) && !inCorpus(word)
      // and a name is supported where an English text gives it (华盛顿: "Summit in Washington")
      const english = name && isHan(word) ? nameSense(word) : ''
      const event = tag === 'v' && isHan(word) && word.length >= 2 && namesEvent(word)
      add({
        text: word,
        forms: [word.toLowerCase(), ...synonyms, ...variants, ...(/^[a-z]{4,}$/.test(english) ? [english] : [])],
        ...(parts.length ? { parts } : {}),
        ...(abbreviation ? { abbreviates: true } : {}),
        kind: name ? 'name' : 'term',
        weight,
        ...(absent ? { absent } : {}),
        ...(event ? { event } : {}),
      })
    }
  }
  if (analysis.lang !== 'zh') {
    for (const t of analysis.translations) {
      if (asksRatherThanTells(t.english, analysis.normalized)) continue
      const words = t.english.split(' ')
      // (an acronym's renderings are already exact: US is 美国, not 使用 "to use")
      // an adjective of a place counts where the text names the place (European: 欧洲国家, Russian: 俄罗斯)
      const places = words.length === 1 ? demonymBases(words[0]).filter((b) => properNoun(b)) : []
      // (the country first: a decline names German as 德国, not 德语 "German (language)")
      const placeNames = places.flatMap((b) => chineseFor(b.split(' '))).filter(isHan)
      const exact = [...new Set([...placeNames, ...(t.acronym ? t.chinese : chineseFor(words))])].filter(isHan)
      const stems = words.map(stemEnglish)
      const question = undotAcronyms(analysis.question)
      const cased = t.english.split(' ').map((w) => question.match(new RegExp(`\\b${w.replace(/[^a-z0-9]/gi, '')}\\w*`, 'i'))?.[0] ?? w)
      const titleCase = cased.some((w, i) => /^[A-Z][a-z]/.test(w) && !(i === 0 && question.trim().startsWith(w)))
      const acronym = cased.every((w) => /^[A-Z0-9&]{2,}$/.test(w))
      // loose guesses (南非 "South Africa" for Africa) do not count when the dictionary has the word itself,
      // unless the word is a name and the dictionary has it only as a common noun (Trump: 将牌 "trump card", 特朗普 loosely)
      const dictionaryName = properNoun(cased.join(' '))
      const looseName = t.loose && titleCase && !dictionaryName
      const rendered = t.loose && exact.length && !looseName ? exact : [...new Set([...placeNames, ...t.chinese, ...exact])]
      // a name the dictionary renders as a proper noun is checked in Chinese; one it does not know at all is
      // checked as written when it stands alone (Putin), but not inside a longer name the text may render
      // in Chinese (Ural Federal University); an unknown acronym is often the asker's shorthand (S&T, ICT)
      const name = t.unknown ? titleCase && !acronym && standsAlone(question, cased[0]) : looseName || ((titleCase || acronym) && dictionaryName)
      // a name is written with the words that name it, not with those whose gloss mentions it (Japan: 日本, not 广岛
      // "Hiroshima, city in Japan" nor 七国集团 "G7 (… Japan …)"; see glossNames)
      // (an adjective of a place is written with the place's name: Russian, 俄罗斯)
      const named = [t.english, ...places]
      // (a title-case word the dictionary knows as no name, Contemporary of a journal's title, keeps its renderings)
      const proper = name && !t.unknown && dictionaryName
      // (the glossary's renderings name it: American is 美国, which CC-CEDICT glosses "United States")
      const naming = proper ? rendered.filter((zh) => !isHan(zh) || named.some((n) => glossNames(zh, n)) || t.glossary?.includes(zh)) : rendered
      const chinese = naming.some(isHan) ? naming : rendered
      // a word is as specific as its commonest rendering ("trade" is 贸易, not 五行八作)
      const renderings = (t.chinese.length ? t.chinese : chinese).filter(isHan)
      const specificity = renderings.length ? Math.min(...renderings.map(chineseIdf)) : 9
      // (an acronym the corpus writes, NICA, is as telling as a name)
      const shorthand = acronym && !inCorpus(stems.join(' '))
      const weight = (t.unknown ? (shorthand ? 0.3 : acronym ? 2 : 1) : Math.min(2, specificity / 6)) * (name ? 2 : 1)
      // (an English word whose renderings the corpus lacks may still have a synonym there: not marked absent)
      // (a gerund or a noun is no event: "the article about countries building a network" asks about no building)
      // (nor a bare word ending a question with no do or modal before it: "how big is the joint innovation fund?"
      // asks about a fund; "when did Russia join?" about joining)
      const endsQuestion =
        new RegExp(`\\b${cased[0]}\\s*[?？.!]*\\s*$`, 'i').test(question) &&
        !/(ed|en)$/i.test(cased[0]) &&
        !/\b(?:do|does|did|will|would|can|could|should|shall|may|might|to)\b/i.test(question)
      const event = words.length === 1 && EVENT_VERBS.test(stems[0]) && !/(ing|ion|ment)$/i.test(cased[0]) && !endsQuestion
      add({
        text: cased.join(' '),
        forms: [...chinese, ...(titleCase && words.length === 1 ? monthForms(words[0]) : []), ...stems],
        kind: name ? 'name' : 'term',
        weight,
        ...(exact[0] ? { chinese: exact[0] } : {}),
        ...(event ? { event } : {}),
      })
    }
  }
  const asked = isAffiliationQuestion(analysis.normalized) ? terms.filter((t) => !AFFILIATION_WORDS.has(t.text.toLowerCase())) : terms
  return { terms: asked, ...answerTypeOf(analysis.normalized), anaphora: ANAPHORA.test(analysis.normalized) }
}

/**
 * Whether an English word of the question belongs to how it asks, not to what it asks about: the
 * answer's language ("in English"), a polite frame ("do you know"), an intention the text may put
 * otherwise ("aims to", as 打算 and 想要 in Chinese), or the kind of date asked for ("what year").
 */
function asksRatherThanTells(english: string, question: string): boolean {
  const word = english.toLowerCase()
  const wants = answerTypeOf(question).wants
  const frames = [POLITE_ASKING, INTENTION, SIZE_ASKED, PLACE_IN_TEXT, ...(wants === 'date' ? [DATE_KIND] : []), ...(wants === 'money' ? [MONEY_UNITS] : [])]
  return namesAnswerLanguage(english, question) || frames.some((frame) => capturedWords(question, frame).includes(word))
}

/** The words a pattern's groups capture in a question, lower-cased. */
function capturedWords(question: string, pattern: RegExp): string[] {
  return [...question.matchAll(pattern)].flatMap((m) =>
    m
      .slice(1)
      .filter(Boolean)
      .map((w) => w.toLowerCase()),
  )
}

// "do you know", "can you tell me", "where can I find", "what does the article call": the asking, not what is asked about
const POLITE_ASKING =
  /\b(?:do|does|did|would|could|can|will)\s+(?:you|anyone)\s+(know|tell|say)\b|^\s*(?:please\s+)?(tell)\s+me\b|\bi(?:'d| would)?\s+(?:like|want)\s+to\s+(know)\b|\bi\s+(wonder)\b|\bwhere\s+(?:can|could|do|would|might)\s+(?:i|we|you|one)\s+(find)\b|\bwhat\s+(?:do|does|did)\s+(?:[\w-]+\s+){1,4}?(call)\b/gi

// "in which part of the article", "what section": where in the text, not a part the text is about
const PLACE_IN_TEXT = /\b(?:which|what)\s+(part|section|chapter|paragraph)s?\s+(?:of|in|does|do|did|is|are)\b/gi

// verbs of intention before "to": "aims to become" asks about becoming
const INTENTION = /\b(aims?|aimed|plans?|planned|intends?|intended|hopes?|hoped|wants?|wanted|seeks?|sought|wish(?:es|ed)?|tries|tried|try)\s+to\b/gi

// "what year", "on which date", "the date the strategy was adopted": the kind of answer, not a thing asked about
const DATE_KIND = /\b(?:what|which|the)\s+(year|date|day|month)\b/gi

// "how many billion yuan", "in US dollars": the unit of the amount asked for, not a thing asked about
// "how big", "how large": asks for a size, names nothing
const SIZE_ASKED = /\bhow\s+(big|large)\b/gi

const MONEY_UNITS = /\b(billions?|millions?|thousands?|trillions?|yuan|rmb|renminbi|dollars?|usd|rubles?|roubles?|euros?)\b|\b(us)\s+(dollars?)\b/gi

// "what English phrase", "the Chinese name", "in English" (not "in Chinese firms"): the language the answer is written in, not a thing asked about
const ANSWER_LANGUAGE =
  /\b(english|chinese|russian)\s+(phrase|word|term|expression|name|title|translation|version|wording|words|terms)\b|\bin\s+(english|chinese|russian)\b(?!\s+[a-z])/gi

/** Whether an English word of the question only says which language the answer is in. */
function namesAnswerLanguage(english: string, question: string): boolean {
  const word = english.toLowerCase()
  return [...question.matchAll(ANSWER_LANGUAGE)].some((m) => (m[1] ?? m[3]).toLowerCase() === word)
}

/** Words of the corpus the dictionary renders a word's first sense by (转让 "to transfer": 转移), closest first. */
export function senseSynonyms(word: string, chineseFor: (englishWords: string[]) => string[], inCorpus: (term: string) => boolean): string[] {
  const first = cleanGloss(sensesOf(word)[0] ?? '')
    .split(/[;,]/)[0]
    .trim()
    .replace(/^to /, '')
  if (!first || first.split(' ').length > 2) return []
  return chineseFor(first.split(' '))
    .filter((zh) => zh !== word && isHan(zh) && zh.length >= 2 && inCorpus(zh))
    .slice(0, 3)
}

/** A compound with each part the corpus lacks replaced by a synonym it has (技术转让: 技术转移). */
function compoundVariants(word: string, parts: string[], chineseFor: (englishWords: string[]) => string[], inCorpus: (term: string) => boolean): string[] {
  return parts.filter((p) => !inCorpus(p)).flatMap((p) => senseSynonyms(p, chineseFor, inCorpus).map((s) => word.replace(p, s)))
}

/** Whether a capitalised word of a question stands alone rather than inside a longer capitalised name. */
function standsAlone(question: string, word: string): boolean {
  const runs = question.match(/[A-Z][\w&'-]*(?:\s+(?:of|and|for|the|on|in)?\s*[A-Z][\w&'-]*)*/g) ?? []
  return runs.some((r) => r === word)
}

/** Whether a lower-cased passage supports a focus term: one of its forms, or all parts of a compound. */
export function supportsTerm(lowerText: string, term: FocusTerm): boolean {
  return (
    term.forms.some((f) => containsTerm(lowerText, f)) ||
    (!!term.parts && term.parts.every((p) => lowerText.includes(p))) ||
    (!!term.abbreviates && abbreviationIn(lowerText, term.text))
  )
}

/** Whether a text has a longer name a short form abbreviates: its characters in order, at most two apart (上合组织: 上海合作组织). */
export function abbreviationIn(text: string, short: string): boolean {
  if (!text.includes(short[0])) return false
  const chars = [...short].map(escapeRegExp)
  return new RegExp(chars.join('[\\p{Script=Han}]{0,2}'), 'u').test(text)
}

/** The summed weight of the terms a lower-cased text supports in their telling forms. */
export function weightSupported(lowerText: string, terms: FocusTerm[]): number {
  return terms.filter((t) => supportsTerm(lowerText, telling(t))).reduce((sum, t) => sum + t.weight, 0)
}

/** A term's telling forms: multi-character Chinese words (国, 中, 日, 将 occur in every other sentence), else what it has. */
export function telling(term: FocusTerm): FocusTerm {
  // (digits read the same in both languages: 10~15 as much as 10至15)
  const words = term.forms.filter((f) => (isHan(f) && f.length >= 2) || /\d/.test(f))
  // an English term with Chinese renderings is looked for in Chinese: its English stems would make an
  // English abstract, which shares every general word, outrank the passage that answers
  // (and when its only renderings are single characters, as carbon's 碳, those: its stems would find nothing Chinese)
  const chinese = term.forms.filter(isHan)
  const forms = words.length ? words : chinese.length && !isHan(term.text) ? chinese : term.forms.filter((f) => !isHan(f) || f.length >= 2)
  return forms.length ? { ...term, forms } : term
}
