'use client'
import type { UiLang } from './i18n'

/** The 中文/English toggle of the interface language (the page owns the state, from useUiLang). */
export function LangSwitch({ lang, setLang }: { lang: UiLang; setLang: (l: UiLang) => void }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form section
    <span className="lang-switch" role="group" aria-label="Language / 语言">
      <button type="button" aria-pressed={lang === 'zh'} onClick={() => setLang('zh')}>
        中文
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
        English
      </button>
    </span>
  )
}
