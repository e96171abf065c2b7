'use client'
import { useChat } from '@ai-sdk/react'
import { DefaultChatTransport } from 'ai'
import { useRouter } from 'next/navigation'
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import { type ChatMessage, type CitationData, documentHref, MAX_QUESTION_CHARS, messageText } from '@/lib/answer/ui'
import { pageLabel } from '@/lib/format'
import { AnswerText } from './AnswerText'
import { STRINGS, type Strings, useUiLang } from './i18n'
import { LangSwitch } from './LangSwitch'
import { PassagePanel } from './PassagePanel'
import { ReadingAid } from './ReadingAid'

const STORAGE_KEY = 'chat-history-v1'

const EXAMPLES = [
  '中俄科技创新合作面临哪些风险挑战？',
  '文中关于美国太空安全联盟的论述引用了哪篇文章？',
  'What hampers technology transfer between China and Russia?',
  'Why does the language barrier hold back China-Russia cooperation?',
]

const citationsOf = (m: ChatMessage): CitationData[] => {
  const part = m.parts.findLast((p) => p.type === 'data-citations')
  return part && part.type === 'data-citations' ? part.data.passages : []
}

export function Chat({ answerer, embedder, loading = false }: { answerer: 'llm' | 'extractive'; embedder: string; loading?: boolean }) {
  const [lang, setLang] = useUiLang()
  const t = STRINGS[lang]
  const [input, setInput] = useState('')
  const [open, setOpen] = useState<CitationData | null>(null)
  const transport = useMemo(() => new DefaultChatTransport<ChatMessage>({ api: '/api/chat' }), [])
  const { messages, sendMessage, status, stop, regenerate, setMessages, error } = useChat<ChatMessage>({ transport })
  const loaded = useRef(false)
  const endRef = useRef<HTMLDivElement>(null)
  const router = useRouter()

  // while the server is still loading the index, ask it again every second (router.refresh keeps this page's state)
  useEffect(() => {
    if (!loading) return
    const timer = setInterval(() => router.refresh(), 1000)
    return () => clearInterval(timer)
  }, [loading, router])

  // history survives a reload: restored once on mount, saved whenever an answer is complete
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
      if (Array.isArray(saved) && saved.length) setMessages(saved)
    } catch {
      localStorage.removeItem(STORAGE_KEY)
    }
    loaded.current = true
  }, [setMessages])
  useEffect(() => {
    if (loaded.current && status === 'ready') localStorage.setItem(STORAGE_KEY, JSON.stringify(messages))
  }, [messages, status])
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end', behavior: 'smooth' }) // (newer browsers return a promise here)
  }, [])

  const busy = status === 'submitted' || status === 'streaming'
  // (as the route measures it: trimmed)
  const tooLong = input.trim().length > MAX_QUESTION_CHARS
  const ask = (text: string) => {
    if (!text.trim() || busy || text.trim().length > MAX_QUESTION_CHARS) return
    setOpen(null)
    sendMessage({ text: text.trim() })
    setInput('')
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    ask(input)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      ask(input)
    }
  }

  return (
    <div className={`chat-layout${open ? ' with-panel' : ''}`}>
      <main className="chat">
        <header className="chat-header">
          <div>
            <h1>{t.title}</h1>
            <p className="sub">{t.subtitle}</p>
          </div>
          <nav className="header-actions">
            <a href="/search">{t.search}</a>
            <a href="/library">{lang === 'zh' ? '文献库' : 'Library'}</a>
            <LangSwitch lang={lang} setLang={setLang} />
          </nav>
        </header>
        <p className="status-line" data-testid="status-line" title={`${t.embedder}: ${embedder}`}>
          {answerer === 'llm' ? t.llmAnswers : t.offlineAnswers}
          {loading && <span data-testid="warming-up"> · {t.loadingIndex}</span>}
        </p>

        {messages.length === 0 && (
          <section className="examples" aria-label={t.examples}>
            <p>{t.examples}</p>
            {EXAMPLES.map((q) => (
              <button key={q} type="button" onClick={() => ask(q)}>
                {q}
              </button>
            ))}
          </section>
        )}

        <ol className="messages" aria-live="polite">
          {messages.map((m, i) => (
            <li key={m.id} className={`message ${m.role}`} data-role={m.role}>
              {m.role === 'user' ? (
                <p className="question">{messageText(m)}</p>
              ) : (
                <AssistantMessage
                  message={m}
                  t={t}
                  onOpen={setOpen}
                  isLast={i === messages.length - 1}
                  busy={busy}
                  onRegenerate={() => regenerate({ messageId: m.id })}
                />
              )}
            </li>
          ))}
        </ol>
        {status === 'submitted' && <p className="thinking">{t.thinking}</p>}
        {error && (
          <p className="error" role="alert">
            {t.error}
            {error.message}
          </p>
        )}
        <div ref={endRef} />

        <form className="composer" onSubmit={onSubmit}>
          <label htmlFor="question" className="visually-hidden">
            {t.placeholder}
          </label>
          <textarea
            id="question"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={t.placeholder}
            rows={2}
            aria-invalid={tooLong}
            aria-describedby={tooLong ? 'too-long' : undefined}
          />
          {busy ? (
            <button type="button" onClick={() => stop()}>
              {t.stop}
            </button>
          ) : (
            <button type="submit" disabled={!input.trim() || tooLong}>
              {t.send}
            </button>
          )}
        </form>
        {tooLong && (
          <p id="too-long" className="error" role="status">
            {t.tooLong.replace('{max}', String(MAX_QUESTION_CHARS)).replace('{n}', String(input.trim().length))}
          </p>
        )}
        {messages.length > 0 && !busy && (
          <button
            type="button"
            className="ghost clear"
            onClick={() => {
              setMessages([])
              localStorage.removeItem(STORAGE_KEY)
              setOpen(null)
            }}
          >
            {t.clear}
          </button>
        )}
      </main>
      {open && <PassagePanel passage={open} t={t} onClose={() => setOpen(null)} />}
    </div>
  )
}

function AssistantMessage(props: {
  message: ChatMessage
  t: Strings
  onOpen: (p: CitationData) => void
  isLast: boolean
  busy: boolean
  onRegenerate: () => void
}) {
  const { message, t, onOpen } = props
  const [copied, setCopied] = useState(false)
  const text = messageText(message)
  const passages = citationsOf(message)
  const byNumber = new Map(passages.map((p) => [p.n, p]))
  const meta = message.parts.findLast((p) => p.type === 'data-meta')
  const notices = message.parts.flatMap((p) => (p.type === 'data-notice' ? [p.data.message] : []))
  const cited = passages.filter((p) => p.cited || text.includes(`[${p.n}]`))
  return (
    <article className="assistant-body">
      {notices.map((n) => (
        <p key={n} className="notice" role="status">
          {n}
        </p>
      ))}
      <ReadingAid>
        <AnswerText
          text={text}
          quoted={meta?.type === 'data-meta' && meta.data.mode === 'extractive'}
          known={new Set(byNumber.keys())}
          onCite={(n) => byNumber.get(n) && onOpen(byNumber.get(n)!)}
        />
      </ReadingAid>
      {cited.length > 0 && (
        <section className="sources" aria-label={t.sources}>
          <h2>{t.sources}</h2>
          <ol>
            {cited.map((p) => (
              <li key={p.n}>
                <button type="button" className="chip" onClick={() => onOpen(p)}>
                  {p.n}
                </button>{' '}
                <a href={documentHref(p)}>{p.title}</a>
                {p.section && <span className="source-section"> — {p.section}</span>}
                {pageLabel(p) && <span className="source-page">, {pageLabel(p)}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <div className="message-actions">
        {meta?.type === 'data-meta' && (
          <span className="meta">
            {meta.data.mode === 'llm' ? t.llm : t.extractive}
            {meta.data.abstained ? ` · ${t.abstained}` : ''}
          </span>
        )}
        <button
          type="button"
          className="ghost"
          onClick={() =>
            navigator.clipboard?.writeText(text).then(() => {
              setCopied(true)
              setTimeout(() => setCopied(false), 1500)
            })
          }
        >
          {copied ? t.copied : t.copy}
        </button>
        {props.isLast && !props.busy && (
          <button type="button" className="ghost" onClick={props.onRegenerate}>
            {t.regenerate}
          </button>
        )}
      </div>
    </article>
  )
}
