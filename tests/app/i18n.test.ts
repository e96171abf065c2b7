import { describe, expect, it } from 'vitest'
import { browserUiLang } from '../../app/components/i18n'

describe("the interface language before the visitor's choice", () => {
  it("is the first of Chinese and English among the browser's languages", () => {
    expect(browserUiLang(['zh-CN', 'en-US'])).toBe('zh')
    expect(browserUiLang(['zh-TW'])).toBe('zh')
    expect(browserUiLang(['en-GB', 'zh-CN'])).toBe('en')
    expect(browserUiLang(['fr-FR', 'zh-Hans', 'en'])).toBe('zh')
    expect(browserUiLang(['de-DE', 'EN'])).toBe('en')
  })

  it('is English when the browser lists neither (or nothing)', () => {
    expect(browserUiLang(['ja-JP', 'ko'])).toBe('en')
    expect(browserUiLang([])).toBe('en')
    // a tag that merely starts with the letters is not the language
    expect(browserUiLang(['zha', 'enm'])).toBe('en')
  })
})
