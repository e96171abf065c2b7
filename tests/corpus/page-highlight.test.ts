import { describe, expect, it } from 'vitest'
import { passageItems } from '../../lib/corpus/page-highlight'
import { pdfjsAsset } from '../../lib/corpus/pdfjs-assets'

// a page as pdf.js's text runs: a running header, two paragraphs broken into lines, a footnote marker, a page number
const ITEMS = [
  '数字时代的基层治理研究',
  '一、引言',
  '基层治理是国家治理的基础，数字技术正在改变社区',
  '的组织方式与服务方式。',
  '1',
  '本文讨论居民议事会在社区参与中的作用，并分析',
  '其制度安排与运行机制。',
  '二、研究方法',
  '本研究采用案例分析方法。',
  '3',
]

describe('passageItems', () => {
  it('finds the lines of a normalized passage, joined across line breaks and around a footnote marker', () => {
    const passage = '基层治理是国家治理的基础，数字技术正在改变社区的组织方式与服务方式。本文讨论居民议事会在社区参与中的作用，并分析其制度安排与运行机制。'
    expect(passageItems(ITEMS, passage)).toEqual([2, 3, 4, 5, 6])
  })

  it('takes a passage that begins or ends mid-line, and ignores white space and Kangxi radical code points', () => {
    expect(passageItems(ITEMS, '数字技术正在改变社区的组织方式与服务方式。')).toEqual([2, 3])
    expect(passageItems(['本研究采用案例分析\u2F45法。'], '本 研究采用\n案例分析方法')).toEqual([0])
  })

  it('keeps to the cited paragraph when other paragraphs of the page repeat its wording', () => {
    const sentence = (n: number, topic: string) => `第3页第${n}句讨论${topic}的制度安排与实践路径，研究者认为这一领域的改革需要兼顾效率与公平。`
    const topics = ['基层社会', '数据要素', '平台经济', '城市更新', '生态保护', '文化传承']
    const page = topics.map((t, i) => sentence(i + 1, t))
    // each sentence a paragraph of lines of 20 characters
    const lines = page.flatMap((p) => p.match(/.{1,20}/g)!)
    const hits = passageItems(lines, sentence(4, '城市更新') + sentence(5, '生态保护'))
    const shown = hits.map((i) => lines[i]).join('')
    expect(shown).toContain('城市更新')
    expect(shown).toContain('生态保护')
    expect(shown).not.toContain('数据要素')
    expect(shown).not.toContain('文化传承')
  })

  it('finds nothing when the page does not show the passage (a few shared words are not enough)', () => {
    expect(passageItems(ITEMS, '中俄科技合作的风险与挑战正在增加，需要双方共同应对。')).toEqual([])
    expect(passageItems(ITEMS, '')).toEqual([])
    expect(passageItems([], '基层治理是国家治理的基础')).toEqual([])
  })
})

describe('pdfjsAsset', () => {
  it('serves only pdf.js files of known kinds', () => {
    expect(pdfjsAsset('build/pdf.min.mjs')).toMatchObject({ type: expect.stringMatching(/javascript/) })
    expect(pdfjsAsset('build/pdf.worker.min.mjs')?.file).toMatch(/pdfjs-dist[/\\]build[/\\]pdf\.worker\.min\.mjs$/)
    expect(pdfjsAsset('cmaps/UniGB-UCS2-H.bcmap')).toBeDefined()
    for (const bad of ['../package.json', 'build/../../package.json', 'package.json', 'build/pdf.mjs.map', 'cmaps/../LICENSE', '/etc/passwd'])
      expect(pdfjsAsset(bad), bad).toBeUndefined()
  })
})
