'use client'
import { type FormEvent, useEffect, useState } from 'react'
import { documentHref } from '@/lib/answer/ui'
import { highlightPattern } from '@/lib/format'
import { mergeOverlappingHits } from '@/lib/retrieve/merge'
import type { Passage } from '@/lib/types'
import { Highlight } from '../components/Highlight'
import { STRINGS, useUiLang } from '../components/i18n'
import { LangSwitch } from '../components/LangSwitch'
import { RepeatedEntry } from '../components/PassagePanel'
import { ReadingAid } from '../components/ReadingAid'

type Hit = Pick<Passage, 'rank' | 'chunkId' | 'docId' | 'title' | 'section' | 'text' | 'score' | 'repeats'> & { matched: string[] }
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
  const [lang, setLang] = useUiLang()
  const t = STRINGS[lang]

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on opening the page
  useEffect(() => {
    fetch('/api/docs')
      .then((r) => r.json())
      .then((j) => setDocuments(j.documents ?? []))
      .catch(() => setDocuments([]))
    // a shared or bookmarked /search?q=…&doc=… runs its search
    const params = new URLSearchParams(window.location.search)
    const inDoc = params.get('doc') ?? ''
    setDocId(inDoc)
    search(params.get('q') ?? '', inDoc)
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
      if (!res.ok) throw new Error(json.error?.message ?? res.statusText)
      setHits(mergeOverlappingHits(json.results as Hit[]))
      setSearched(q)
      // the address names this search, so it can be shared, bookmarked or reloaded
      window.history.replaceState(null, '', `/search?${new URLSearchParams({ q, ...(inDoc ? { doc: inDoc } : {}) })}`)
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
  const highlightTerms = (h: Hit) => [...h.matched, ...ownWords]
  // (dense retrieval always finds something: say so when no hit has any of the words it would mark)
  const marksWords = (h: Hit) => {
    const pattern = highlightPattern(highlightTerms(h)) // (a new pattern each time: its lastIndex starts at 0)
    return !!pattern && pattern.test(h.text)
  }

  return (
    <main>
      <p className="doc-nav">
        <a href="/">← {t.chat}</a>
        <LangSwitch lang={lang} setLang={setLang} />
      </p>
      <h1>{t.search}</h1>
      <p className="sub">{t.searchHelp}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet in every browser this app supports */}
      <form onSubmit={onSubmit} role="search" className="search-form">
        <label htmlFor="q" className="visually-hidden">
          {t.query}
        </label>
        <input id="q" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="技术转移 / technology transfer" />
        <label htmlFor="doc" className="visually-hidden">
          {t.document}
        </label>
        <select
          id="doc"
          value={docId}
          onChange={(e) => {
            setDocId(e.target.value)
            if (searched) search(searched, e.target.value)
          }}
        >
          <option value="">{t.allDocuments}</option>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy}>
          {busy ? '…' : t.searchButton}
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
      {hits && hits.length === 0 && <p>{t.noHits}</p>}
      {hits && hits.length > 0 && !hits.some(marksWords) && (
        <p className="notice" role="status">
          {t.closestOnly}
        </p>
      )}
      {hits?.map((h) => (
        <article key={h.chunkId} className="hit">
          <h2>
            <a href={documentHref(h)}>
              #{h.rank} {h.title}
            </a>
          </h2>
          {h.section && <div className="meta">{h.section}</div>}
          <ReadingAid>
            <p lang="zh-CN">
              <Highlight text={h.text} terms={highlightTerms(h)} />
            </p>
          </ReadingAid>
          {h.repeats && <RepeatedEntry text={h.repeats} label={t.repeats} />}
        </article>
      ))}
    </main>
  )
}
