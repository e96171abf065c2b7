import { describe, expect, it } from 'vitest'
import { chunkDocument, quoteSpan, withoutMarkers } from '../../lib/chunk/chunk'
import { splitSentences } from '../../lib/chunk/sentences'
import { shippedDocuments } from '../helpers'

const { zheng, tang } = await shippedDocuments()

describe('sentence splitting', () => {
  it('keeps closing punctuation and quotes with their sentence', () => {
    const text = '他说：“好。”然后走了！真的吗？是的；当然…… 最后一句'
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['他说：“好。”', '然后走了！', '真的吗？', '是的；', '当然……', '最后一句'])
  })
})

describe('chunking the shipped documents', () => {
  for (const doc of [zheng, tang]) {
    it(`${doc.id}: sentence-aligned chunks of about 300–500 characters with one sentence of overlap`, async () => {
      const chunks = (await chunkDocument(doc)).filter((c) => c.kind === 'passage')
      expect(chunks.length).toBeGreaterThanOrEqual(15)
      const sizes = chunks.map((c) => c.end - c.start)
      for (const c of chunks) {
        expect(c.text).toBe(doc.text.slice(c.start, c.end))
        // a sentence is never cut: each chunk ends at a sentence end or the end of its block
        expect(c.text).toMatch(/[。！？；.”）]$|[^\n]$/)
        const block = doc.blocks.find((b) => b.start <= c.end - 1 && c.end <= b.end)!
        expect(/[。！？；;!?.”）]$/.test(c.text) || c.end === block.end).toBe(true)
      }
      expect(Math.max(...sizes)).toBeLessThanOrEqual(650)
      const median = [...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)]
      expect(median).toBeGreaterThanOrEqual(250)
      expect(median).toBeLessThanOrEqual(500)
      // consecutive chunks of one section share their boundary sentence
      const sameSection = chunks.slice(1).filter((c, i) => c.section.join() === chunks[i].section.join())
      const overlapping = sameSection.filter((c) => chunks.some((p) => p !== c && p.start < c.start && p.end > c.start))
      expect(overlapping.length).toBeGreaterThan(sameSection.length * 0.6)
    })
  }

  it("does not end a sentence at a URL's ? or a markdown image's !, but does at Latin ! ? ; before a space or Chinese", () => {
    const text = '说明见[官方说明](http://example.org/a?from=quote)。图片![图](x.png)在此。Really? Yes! 合作;双方同意'
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      '说明见[官方说明](http://example.org/a?from=quote)。',
      '图片![图](x.png)在此。',
      'Really?',
      'Yes!',
      '合作;',
      '双方同意',
    ])
  })

  it('carries section paths, strips source markers from the indexed text but keeps them for display', async () => {
    const chunks = await chunkDocument(tang)
    const withMarker = chunks.find((c) => c.kind === 'passage' && c.text.includes('联合声明》,①'))!
    expect(withMarker.section).toEqual(['一、中俄科技创新合作将引领“全球南方”数字化转型'])
    expect(withMarker.indexText).toContain('联合声明》,技术和创新领域')
    expect(withMarker.indexText).not.toMatch(/[①②③]/)
  })

  it('makes each reference entry a chunk that also carries the sentence citing it', async () => {
    const refs = (await chunkDocument(tang)).filter((c) => c.kind === 'reference')
    expect(refs).toHaveLength(tang.references.length)
    const yellen = refs.find((c) => c.text.includes('Yellen'))!
    expect(yellen.indexText).toContain('美国财政部长耶伦称美对华惩罚性新关税是')
  })

  it('gives the same ids to the same text', async () => {
    const a = await chunkDocument(zheng)
    const b = await chunkDocument(structuredClone(zheng))
    expect(b.map((c) => c.id)).toEqual(a.map((c) => c.id))
    expect(new Set(a.map((c) => c.id)).size).toBe(a.length)
  })
})

describe('locating a quote in the document', () => {
  it("maps a sentence of a passage's marker-free text back to document offsets, the markers inside it included", async () => {
    const chunks = (await chunkDocument(tang)).filter((c) => c.kind === 'passage')
    const withMarker = chunks.find((c) => tang.markers.some((m) => m.start > c.start + 20 && m.end < c.end - 5))!
    const marker = tang.markers.find((m) => m.start > withMarker.start + 20 && m.end < withMarker.end - 5)!
    const plain = withoutMarkers(tang, withMarker.start, withMarker.end)
    // a stretch of the marker-free text around the place the marker was cut out of
    const cutAt = withoutMarkers(tang, withMarker.start, marker.start).length
    const quote = plain.slice(cutAt - 10, cutAt + 5)
    const span = quoteSpan(tang, withMarker.start, withMarker.end, quote)!
    expect(tang.text.slice(span.start, span.end)).toContain(tang.text.slice(marker.start, marker.end))
    expect(withoutMarkers(tang, span.start, span.end)).toBe(quote)
    expect(quoteSpan(tang, withMarker.start, withMarker.end, '文中没有的一句话')).toBeUndefined()
  })
})
