'use client'
import { useState } from 'react'

/** Formatted citations with one-click copy. */
export function CiteThis({ label, citations }: { label: string; citations: { gbt7714: string; apa7: string } }) {
  const [copied, setCopied] = useState<string | null>(null)
  const copy = async (key: string, text: string) => {
    await navigator.clipboard?.writeText(text)
    setCopied(key)
    setTimeout(() => setCopied(null), 1500)
  }
  return (
    <section className="cite-this" aria-label={label}>
      <h2>{label}</h2>
      {(
        [
          ['gbt7714', 'GB/T 7714-2015'],
          ['apa7', 'APA 7'],
        ] as const
      ).map(([key, name]) => (
        <div key={key} className="cite-row">
          <span className="cite-style">{name}</span>
          <code data-style={key}>{citations[key]}</code>
          <button type="button" className="ghost" onClick={() => copy(key, citations[key])}>
            {copied === key ? '已复制 Copied' : '复制 Copy'}
          </button>
        </div>
      ))}
    </section>
  )
}
