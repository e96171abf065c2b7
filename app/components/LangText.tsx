'use client'
import { useUiLang } from './i18n'

/** A label in the interface language the reader chose (server pages render the Chinese one first). */
export function LangText({ zh, en }: { zh: string; en: string }) {
  const [lang] = useUiLang()
  return <>{lang === 'en' ? en : zh}</>
}
