import { describe, expect, it } from 'vitest'
import { analyzeQuery, questionFocus } from '../../lib/retrieve/analyze'
import { EnglishChineseDictionary } from '../../lib/retrieve/translate'

describe('a Chinese word the segmenter does not know', () => {
  const dictionary = new EnglishChineseDictionary({ terms: {} })
  const focusOf = (q: string) =>
    questionFocus(
      analyzeQuery(q, dictionary, () => true),
      () => [],
    )

  it('is taken for a name when it could be one (a transliteration)', () => {
    const names = focusOf('莫迪访问了哪里？').terms.filter((t) => t.kind === 'name')
    expect(names.map((t) => t.text)).toContain('莫迪')
  })

  it('is no name when a particle is glued to it (令是 in 行政令是哪一年)', () => {
    const terms = focusOf('俄罗斯科教部的行政令是哪一年曝光的？').terms.map((t) => t.text)
    expect(terms).not.toContain('令是')
  })
})
