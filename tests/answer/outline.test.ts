import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { answerOnce } from '../../lib/answer/answer'
import { askedList, findOutline } from '../../lib/answer/outline'
import { Retriever } from '../../lib/retrieve/retriever'
import type { Passage, SourceDocument } from '../../lib/types'
import { CACHE_DIR, ingestBuiltin, tempDir } from '../helpers'

// an article whose section 2 lists challenges and section 3 recommendations, each in numbered subsections
const ARTICLE = `中蒙能源合作的问题与思考

摘要：本文分析中蒙能源合作面临的挑战，并提出几点思考。

1　中蒙能源合作现状

近年来，中蒙两国在煤炭、电力和新能源领域的合作不断深化，双边贸易持续增长。蒙古国是中国重要的煤炭进口来源地之一。

2　中蒙能源合作面临的挑战

当前，中蒙能源合作仍面临不少挑战，主要体现在以下几个方面。

2.1　基础设施建设滞后

跨境铁路和输电线路建设缓慢，运输成本居高不下，制约了煤炭出口规模的扩大。

2.2　政策环境不够稳定

蒙古国矿业政策调整频繁，外资准入规则多变，企业投资面临较大不确定性。

2.3　专业人才短缺

熟悉能源技术又懂蒙古语的复合型人才严重不足，影响项目的顺利实施。

3　推进中蒙能源合作的几点思考

（1）加快跨境基础设施互联互通。

应统筹规划跨境铁路和电网建设，降低运输成本。

（2）建立稳定的政策沟通机制。

两国政府应定期会商，为企业投资提供稳定预期。`

describe('a list question answered by the subsections of the section it asks for', () => {
  let retriever: Retriever
  beforeAll(async () => {
    const corpus = tempDir('corpus-')
    writeFileSync(join(corpus, 'energy.txt'), ARTICLE)
    retriever = await Retriever.open({ INDEX_DIR: await ingestBuiltin(corpus), CACHE_DIR, EMBEDDER: 'builtin-cedict' })
  })

  it('lists every subsection heading in order, each cited to the passage it opens', async () => {
    const { answer, passages } = await answerOnce('中蒙能源合作面临哪些挑战？', [], { retriever })
    expect(answer.abstained).toBe(false)
    const headings = ['2.1　基础设施建设滞后', '2.2　政策环境不够稳定', '2.3　专业人才短缺']
    expect(answer.citations).toHaveLength(3)
    answer.citations.forEach((c, i) => {
      expect(answer.answer).toContain(`${headings[i]}[${c.n}]`)
      expect(passages[c.n - 1].text).toContain(headings[i])
    })
  })

  it('answers an English asker in English, each heading with its words glossed', async () => {
    const { answer } = await answerOnce('What recommendations does the article make?', [], { retriever })
    expect(answer.answer).toMatch(/lists 2 points:/)
    expect(answer.answer).toMatch(/（1）加快跨境基础设施互联互通。 \([^)]*infrastructure[^)]*\) \[\d\]/)
    expect(answer.answer).toContain('（2）建立稳定的政策沟通机制。')
  })

  it('is not declined for a word of the kind asked for that the headings put otherwise (对策 for 几点思考)', async () => {
    const { answer } = await answerOnce('中蒙能源合作有哪些对策？', [], { retriever })
    expect(answer.abstained).toBe(false)
    expect(answer.answer).toContain('“3　推进中蒙能源合作的几点思考”一节列出2点')
  })

  it('is evidence of its own: a list question in other words than the passages is answered by the heading that carries it', async () => {
    const { answer } = await answerOnce('What risks and challenges does the article identify?', [], { retriever })
    expect(answer.abstained).toBe(false)
    expect(answer.answer).toMatch(/“2　中蒙能源合作面临的挑战” in “中蒙能源合作的问题与思考” lists 3 points:/)
  })

  it('leaves a question for sources to the notes, even one naming a kind of list', async () => {
    const { answer } = await answerOnce('Which sources does the article cite on the challenges of energy cooperation?', [], { retriever })
    expect(answer.answer).not.toMatch(/lists \d+ points/)
  })

  it('leaves a question about one of the items to the sentences that answer it', async () => {
    const { answer } = await answerOnce('中蒙能源合作面临哪些人才方面的挑战？', [], { retriever })
    expect(answer.answer).not.toContain('一节列出')
  })
})

describe('finding the section a list question asks for', () => {
  const text = ARTICLE
  const at = (heading: string) => text.indexOf(heading)
  const section = (title: string, level: number) => ({ title, level, start: at(title), end: at(title) + title.length })
  const doc = {
    id: 'd',
    meta: { title: '中蒙能源合作的问题与思考', authors: [] },
    text,
    sections: [
      section('2　中蒙能源合作面临的挑战', 1),
      section('2.1　基础设施建设滞后', 2),
      section('2.2　政策环境不够稳定', 2),
      section('3　推进中蒙能源合作的几点思考', 1),
    ],
  } as unknown as SourceDocument
  const passage = (start: number): Passage =>
    ({
      rank: 1,
      chunkId: `c${start}`,
      docId: 'd',
      title: '',
      section: '',
      text: text.slice(start, start + 80),
      score: 1,
      kind: 'passage',
      start,
      end: start + 80,
    }) as Passage
  const source = { document: () => doc, passageAt: (_: string, offset: number) => passage(offset) }
  const term = (text: string, weight = 1) => ({ text, forms: [text], kind: 'term' as const, weight })
  const found = [passage(at('2.2　政策环境不够稳定'))]

  it('asks for a list only with a question for several things of a kind a heading lists', () => {
    expect(askedList('Which risk does the article consider most serious?')).toBeUndefined()
    expect(askedList('What risks does the article identify?')).toBeDefined()
    expect(askedList('中蒙能源合作面临哪些挑战？')).toBeDefined()
    expect(askedList('What are the main risks?')).toBeDefined()
    expect(askedList('中蒙能源合作面临什么挑战？')).toBeDefined()
    expect(askedList('中蒙能源合作的现状如何？')).toBeUndefined()
    expect(askedList('Which countries import coal?')).toBeUndefined()
  })

  it('takes the section whose heading carries the question, not one about something else', () => {
    const asked = { terms: [term('中蒙'), term('能源'), term('挑战')], wants: 'other' as const, anaphora: false }
    expect(findOutline('中蒙能源合作面临哪些挑战？', asked, found, source)?.items.map((i) => i.heading)).toEqual([
      '2.1　基础设施建设滞后',
      '2.2　政策环境不够稳定',
    ])
    const other = { ...asked, terms: [term('中蒙'), term('航天', 2), term('挑战')] }
    expect(findOutline('中蒙航天合作面临哪些挑战？', other, found, source)).toBeUndefined()
    // (without a retrieved passage inside it, only when its heading and title carry all the question asks about)
    expect(findOutline('中蒙能源合作面临哪些挑战？', asked, [passage(0)], source)).toBeDefined()
    const coal = { ...asked, terms: [...asked.terms, term('煤炭', 0.5)] }
    expect(findOutline('中蒙煤炭能源合作面临哪些挑战？', coal, found, source)).toBeDefined()
    expect(findOutline('中蒙煤炭能源合作面临哪些挑战？', coal, [passage(0)], source)).toBeUndefined()
  })
})
