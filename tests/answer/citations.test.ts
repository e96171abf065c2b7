import { describe, expect, it } from 'vitest'
import { checkSentence, parseCitations, SentenceBuffer, UNCITED_MARK } from '../../lib/answer/citations'

describe('citation parsing and validation', () => {
  it('reads [n], [n, m], 【n】 and repeated markers in order', () => {
    expect(parseCitations('A [2]. B [1, 3]【4】 and again [2].')).toEqual([2, 1, 3, 4])
    expect(parseCitations('源自文献①和[12]')).toEqual([12])
  })

  it('removes citations of passages that were not retrieved and reports them', () => {
    const checked = checkSentence('双方合作加强[1][7]。', 3)
    expect(checked).toMatchObject({ text: '双方合作加强[1]。', cited: [1], invented: [7], uncited: false })
    expect(checkSentence('Trade grew [2, 9].', 3).text).toBe('Trade grew [2].')
  })

  it('marks a claim without any citation, but not a lead-in or an empty line', () => {
    const checked = checkSentence('Trade between the two grew quickly. ', 3)
    expect(checked.uncited).toBe(true)
    expect(checked.text).toBe(`Trade between the two grew quickly. ${UNCITED_MARK} `)
    expect(checkSentence('The sources say:\n', 3).uncited).toBe(false)
    expect(checkSentence('\n\n', 3).uncited).toBe(false)
    // a sentence whose only citation was invented is uncited
    expect(checkSentence('Exports doubled [5].', 2)).toMatchObject({ invented: [5], uncited: true })
  })

  it('cuts streamed text into sentences only once their trailing citations have arrived', () => {
    const buffer = new SentenceBuffer()
    expect(buffer.push('技术转移网络尚未形成。')).toEqual([])
    expect(buffer.push('[')).toEqual([])
    expect(buffer.push('2] 双方')).toEqual(['技术转移网络尚未形成。[2]'])
    expect(buffer.push('需要加强服务 [1]. Next')).toEqual([' 双方需要加强服务 [1].'])
    expect(buffer.flush()).toEqual([' Next'])
  })
})
