import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORPUS_DIR, shippedDocuments } from '../helpers'

const { zheng, tang } = await shippedDocuments()
const body = (doc: typeof zheng) => doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => doc.text.slice(b.start, b.end))

describe('normalizing the PDF-extracted article', () => {
  it('joins hard-wrapped lines: every paragraph ends a sentence and none holds a line break', () => {
    const paragraphs = body(zheng)
    expect(paragraphs.length).toBeGreaterThan(25)
    for (const p of paragraphs) {
      expect(p).not.toContain('\n')
      expect(p).toMatch(/[。！？：；”.]$/)
    }
    const raw = readFileSync(join(CORPUS_DIR, zheng.fileName), 'utf8')
    // a sentence the PDF wrapped over three lines comes back whole
    expect(raw).not.toContain('国际科技合作不仅是一种解决科学问题的方式')
    expect(zheng.text).toContain('国际科技合作不仅是一种解决科学问题的方式，也是国家协调内政外交政策的必要手段[1]。')
    // (the PDF wrapped this one after 进入新; the spaces around the year are the source's own)
    expect(raw).not.toContain('进入新时代')
    expect(zheng.text).toContain('2019 年，中俄全面战略协作伙伴关系进入新时代，科技创新成为两国高层对话的重要议题')
  })

  it('drops the running header and keeps the English abstract as its own section', () => {
    expect(zheng.text).not.toContain('创新战略与政策')
    expect(zheng.text).not.toContain('■')
    const abstract = zheng.sections.find((s) => s.title === 'Abstract')!
    expect(abstract).toBeDefined()
    expect(zheng.text.slice(abstract.start)).toMatch(
      /^Abstract: This paper takes Russia’s international science and technology cooperation policy as an entry point, provides/,
    )
  })

  it('recognises numbered headings as structure, a heading wrapped over two lines included', () => {
    const titles = zheng.sections.map((s) => `${s.level} ${s.title}`)
    expect(titles).toContain('1 1　俄罗斯的国际科技合作政策')
    expect(titles).toContain('2 3.5　技术转移环境亟待改善')
    expect(titles).toContain('2 （5）创新智力流动模式，保障科技人才良性互动。')
    expect(titles).toContain('1 摘要')
  })

  it('detects title, author and affiliation', () => {
    expect(zheng.meta.title).toBe('浅析中俄科技创新合作的风险挑战')
    expect(zheng.meta.authors).toEqual(['郑世民'])
    expect(zheng.meta.affiliation).toBe('中国科学技术部，北京　100862')
    expect(tang.meta.title).toBe('2025 年中俄科技合作不确定性增加')
    expect(tang.meta.authors).toEqual(['唐新华', '张泽明', '施晨欣'])
    expect(tang.meta.affiliation).toBe('清华大学国际关系研究院中外关系定量预测组')
    // the sidecar adds what the text does not give
    expect(tang.meta.titleEn).toMatch(/Uncertainty/)
  })
})

describe('footnotes of the article with interleaved notes', () => {
  it('splits every footnote body off the body text into the reference list', () => {
    expect(tang.references).toHaveLength(17)
    for (const p of body(tang)) {
      expect(p).not.toMatch(/访问时间|https?:\/\//)
      expect(p).not.toContain('^')
    }
    // the sentence a page break cut in two is whole again
    expect(tang.text).toContain('《关于 2030 年前中俄经济合作重点方向发展规划的联合声明》,①技术和创新领域')
  })

  it('links every marker to its entry (numbering restarts on each page) and every entry to a marker', () => {
    expect(tang.markers).toHaveLength(17)
    for (const m of tang.markers) {
      expect(m.refId).toBeDefined()
      expect(tang.text.slice(m.start, m.end)).toBe(m.label)
    }
    for (const r of tang.references) expect(r.citedAt.length).toBeGreaterThan(0)
    const chipsMarker = tang.markers.find((m) => tang.text.slice(m.start - 20, m.start).includes('纳入限制名单'))!
    const chips = tang.references.find((r) => r.id === chipsMarker.refId)!
    expect(chips.text).toMatch(/^Alexandra Alper and Karen Freifeld, “US Urges Allies to Bar Firms/)
  })

  it('parses reference fields and resolves Ibid.', () => {
    const chips = tang.references.find((r) => r.text.includes('Chipmaking'))!
    expect(chips.fields).toMatchObject({
      authors: 'Alexandra Alper and Karen Freifeld',
      title: 'US Urges Allies to Bar Firms from Servicing Key Chipmaking Tools for China',
      publication: 'Reuters',
      date: 'March 27, 2024',
      accessed: '2024 年 6 月 29 日',
    })
    expect(chips.fields.url).toMatch(/^https:\/\/www\.reuters\.com\/technology\/us-is-urging.+-2024-03-27\/$/)
    const tangArticle = tang.references.find((r) => r.text.includes('当代世界'))!
    expect(tangArticle.fields).toMatchObject({
      authors: '唐新华',
      title: '美国技术联盟策略演变与国际战略格局重塑',
      publication: '当代世界',
      date: '2024年第05期',
      pages: '38—44',
    })
    const ibid = tang.references.find((r) => r.text === 'Ibid.')!
    const blinken = tang.references.find((r) => r.id === ibid.sameAs)!
    expect(blinken.text).toMatch(/^Antony J\. Blinken/)
    // a note wrapped onto a second line stays one entry
    expect(tang.references[16].text).toMatch(/Washington,”访问时间:2024 年 7 月 16 日。$/)
  })

  it('keeps the bracketed citation markers of the PDF article (it has no reference list)', () => {
    expect(zheng.markers.map((m) => m.label)).toEqual(['[1]', '[2]', '[3]', '[4]', '[5]', '[6]', '[7]'])
  })
})

describe('reference markers of the PDF article', () => {
  it('finds all seven [n] markers, none linked: the extracted text has no reference list', () => {
    expect(zheng.markers.map((m) => m.label)).toEqual(['[1]', '[2]', '[3]', '[4]', '[5]', '[6]', '[7]'])
    expect(zheng.references).toHaveLength(0)
    for (const m of zheng.markers) {
      expect(zheng.text.slice(m.start, m.end)).toBe(m.label)
      expect(m.refId).toBeUndefined()
    }
  })

  it('parses the fields of the interleaved footnotes', () => {
    const space = tang.references.find((r) => r.text.startsWith('袁伟晨'))!
    expect(space.fields).toMatchObject({
      authors: '袁伟晨,纪凡策,王刚',
      title: '美太空安全联盟发展动向分析研判',
      publication: '国际太空',
      date: '2024年第6期',
      pages: '14—15',
    })
    const nato = tang.references.find((r) => r.text.includes('NATO Summit') && r.fields.url)!
    expect(nato.fields).toMatchObject({ authors: 'The White House', title: 'FACT SHEET: The 2024 NATO Summit in Washington', accessed: '2024 年 7 月 16 日' })
    expect(nato.fields.url).toMatch(/^https:\/\/www\.whitehouse\.gov\//)
  })
})

describe('the title of a document without a byline', () => {
  it('is its first line when that line stands alone, is short and ends no sentence', async () => {
    const { normalizeText } = await import('../../lib/corpus/normalize')
    expect(normalizeText('中俄能源合作\n\n近年来，中俄能源合作不断深化。').detected.title).toBe('中俄能源合作')
    expect(normalizeText('# Energy cooperation\n\nThe two countries trade oil and gas.').detected.title).toBe('Energy cooperation')
    // a first line that is a sentence, or the start of a hard-wrapped paragraph, is no title
    expect(normalizeText('近年来，中俄能源合作不断深化。\n\n双方的原油贸易规模持续扩大。').detected.title).toBeUndefined()
    expect(normalizeText('国际科技合作不仅是一种解决科学问题的方\n式，也是国家协调内政外交政策的必要手段。').detected.title).toBeUndefined()
    // a lone line is the whole text, not a title
    expect(normalizeText('中俄能源合作').detected.title).toBeUndefined()
  })
})
