import { describe, expect, it } from 'vitest'
import { mergeOverlappingHits } from '../../lib/retrieve/merge'

const hit = (rank: number, docId: string, text: string, matched: string[] = []) => ({ rank, chunkId: `${docId}:${rank}`, docId, section: '', text, matched })

describe('merging overlapping search hits', () => {
  it('joins neighbouring chunks of one document without repeating the shared sentence', () => {
    const a = hit(1, 'd', '第一句话在这里。第二句话也在这里，重叠部分。', ['第一'])
    const b = hit(2, 'e', '另一篇文献的段落，与前者无关。')
    const c = hit(3, 'd', '第二句话也在这里，重叠部分。第三句话在后面。', ['第三'])
    const merged = mergeOverlappingHits([a, b, c])
    expect(merged.map((h) => h.text)).toEqual(['第一句话在这里。第二句话也在这里，重叠部分。第三句话在后面。', '另一篇文献的段落，与前者无关。'])
    expect(merged[0]).toMatchObject({ rank: 1, chunkId: 'd:1', matched: ['第一', '第三'] })
    expect(merged[1].rank).toBe(2)
  })

  it('keeps hits of different documents, and drops one contained in another', () => {
    const long = hit(1, 'd', '甲乙丙丁戊己庚辛壬癸子丑寅卯')
    const inner = hit(2, 'd', '丙丁戊己庚辛壬癸')
    const other = hit(3, 'x', '甲乙丙丁戊己庚辛壬癸子丑寅卯')
    expect(mergeOverlappingHits([long, inner, other]).map((h) => h.chunkId)).toEqual(['d:1', 'x:3'])
    // a prefix overlap the other way round (the later hit comes first in the document)
    const after = hit(1, 'd', '重叠部分的八个字符以后的内容')
    const before = hit(2, 'd', '之前的内容重叠部分的八个字符')
    expect(mergeOverlappingHits([after, before])[0].text).toBe('之前的内容重叠部分的八个字符以后的内容')
  })
})
