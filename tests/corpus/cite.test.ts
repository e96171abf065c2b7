import { describe, expect, it } from 'vitest'
import { apa7, gbt7714 } from '../../lib/corpus/cite'
import { romanizeName } from '../../lib/text/pinyin'
import { shippedDocuments } from '../helpers'

const { zheng, tang } = await shippedDocuments()

describe('cite this', () => {
  it('formats the shipped documents in GB/T 7714-2015', () => {
    expect(gbt7714(zheng.meta)).toBe('郑世民. 浅析中俄科技创新合作的风险挑战[Z].')
    expect(gbt7714(tang.meta)).toBe('唐新华, 张泽明, 施晨欣. 2025 年中俄科技合作不确定性增加[Z].')
    expect(gbt7714(tang.meta, '二、中俄科技合作在国际科技竞争加速演变中面临新挑战')).toMatch(
      /\[Z\]\. 章节: 二、中俄科技合作在国际科技竞争加速演变中面临新挑战\.$/,
    )
    // a journal article with its venue, and more than three authors
    expect(gbt7714({ title: '美国技术联盟策略演变', authors: ['甲', '乙', '丙', '丁'], venue: '当代世界', year: 2024, issue: '5', pages: '38-44' })).toBe(
      '甲, 乙, 丙, 等. 美国技术联盟策略演变[J]. 当代世界, 2024(5): 38-44.',
    )
  })

  it('formats the shipped documents in APA 7 with romanized names and the English title', () => {
    expect(apa7(zheng.meta)).toBe(
      'Zheng, S. (n.d.). Qianxi zhong e keji chuangxin hezuo de fengxian tiaozhan [Risks and Challenges of China–Russia Cooperation in Science, Technology and Innovation].',
    )
    expect(apa7(tang.meta)).toMatch(
      /^Tang, X\., Zhang, Z\., & Shi, C\. \(n\.d\.\)\. 2025 nian .* \[Growing Uncertainty in China–Russia Science and Technology Cooperation in 2025\]\.$/,
    )
    expect(romanizeName('施晨欣')).toEqual({ family: 'Shi', given: 'Chenxin' })
  })
})
