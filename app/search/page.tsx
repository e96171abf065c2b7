'use client'
import { type FormEvent, useEffect, useState } from 'react'
import type { Passage } from '@/lib/types'
import { Highlight } from '../components/Highlight'

type Hit = Pick<Passage, 'rank' | 'chunkId' | 'docId' | 'title' | 'section' | 'text' | 'score'> & { matched: string[] }
interface DocSummary {
  id: string
  title: string
  titleEn?: string
}

const EXAMPLES = ['技术转移环境亟待改善', 'technology transfer', '金砖国家数字经济', 'export controls on chipmaking tools']

export default function SearchPage() {
  const [query, setQuery] = useState('')
  const [docId, setDocId] = useState('')
  const [documents, setDocuments] = useState<DocSummary[]>([])
  const [hits, setHits] = useState<Hit[] | null>(null)
  const [searched, setSearched] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    fetch('/api/docs')
      .then((r) => r.json())
      .then((j) => setDocuments(j.documents ?? []))
      .catch(() => setDocuments([]))
  }, [])

  async function search(q: string, inDoc = docId) {
    if (!q.trim()) return
    setQuery(q)
    setBusy(true)
    setError(null)
    try {
      const res = await fetch('/api/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q, k: 10, ...(inDoc ? { docId: inDoc } : {}) }),
      })
      const json = await res.json()
      if (!res.ok) throw new Error(json.error ?? res.statusText)
      setHits(json.results)
      setSearched(q)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    search(query)
  }
  // the query's own words (English passages, references) as well as the matched Chinese terms
  const ownWords = searched.split(/[\s,.;:!?，。；：！？]+/).filter((w) => w.length > 2)

  return (
    <main>
      <p className="doc-nav">
        <a href="/">← 对话 Chat</a>
      </p>
      <h1>段落检索 Passage search</h1>
      <p className="sub">中文或英文检索所收录的文献；点击结果在原文中查看。Search in Chinese or English; open a hit to see it in its document.</p>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet in every browser this app supports */}
      <form onSubmit={onSubmit} role="search" className="search-form">
        <label htmlFor="q" className="visually-hidden">
          Query
        </label>
        <input id="q" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="技术转移 / technology transfer" />
        <label htmlFor="doc" className="visually-hidden">
          Document
        </label>
        <select
          id="doc"
          value={docId}
          onChange={(e) => {
            setDocId(e.target.value)
            if (searched) search(searched, e.target.value)
          }}
        >
          <option value="">全部文献 All documents</option>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy}>
          {busy ? '…' : '检索 Search'}
        </button>
      </form>
      <div className="examples">
        {EXAMPLES.map((q) => (
          <button key={q} type="button" onClick={() => search(q)}>
            {q}
          </button>
        ))}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {hits && hits.length === 0 && <p>没有结果 No passages found.</p>}
      {hits?.map((h) => (
        <article key={h.chunkId} className="hit">
          <h2>
            <a href={`/docs/${encodeURIComponent(h.docId)}?chunk=${encodeURIComponent(h.chunkId)}`}>
              #{h.rank} {h.title}
            </a>
          </h2>
          <div className="meta">
            {h.section} · score {h.score.toFixed(4)}
          </div>
          <p>
            <Highlight text={h.text} terms={[...h.matched, ...ownWords]} />
          </p>
        </article>
      ))}
    </main>
  )
}
