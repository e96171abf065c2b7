'use client'
import { useState } from 'react'

interface Hit { rank: number; chunkId: string; docId: string; title: string; section: string; text: string; score: number }

const EXAMPLES = ['技术转移环境亟待改善', 'technology transfer', '中俄科技创新年举办了多少活动？', 'Which Reuters article is cited?']

export default function SearchPage() {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<Hit[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function search(q: string) {
    if (!q.trim()) return
    setQuery(q)
    setBusy(true)
    setError(null)
    try {
      const res = await fetch('/api/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q, k: 5 }) })
      const json = await res.json()
      if (!res.ok) throw new Error(json.error ?? res.statusText)
      setHits(json.results)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main>
      <h1>中文文献研究助手 · Research assistant</h1>
      <p className="sub">Search Chinese sources in Chinese or English; every passage shows where it comes from.</p>
      <form onSubmit={(e) => { e.preventDefault(); search(query) }} role="search">
        <input type="search" aria-label="Search query" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="输入问题或关键词 / Ask in English or Chinese" />
        <button type="submit" disabled={busy}>{busy ? '…' : 'Search'}</button>
      </form>
      {hits === null && (
        <div className="examples">
          {EXAMPLES.map((q) => <button key={q} type="button" onClick={() => search(q)}>{q}</button>)}
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {hits?.map((h) => (
        <article className="hit" key={h.chunkId} data-chunk={h.chunkId}>
          <h2>{h.rank}. {h.title}</h2>
          <div className="meta">{h.section || '—'} · {h.chunkId}</div>
          <p>{h.text}</p>
        </article>
      ))}
      {hits?.length === 0 && <p>No passages found.</p>}
    </main>
  )
}
