'use client'
import { type DragEvent, type FormEvent, Fragment, useCallback, useEffect, useState } from 'react'
import type { LibraryDocument, LibraryJob } from '@/lib/library'

const ACCEPT = ['.pdf', '.docx', '.html', '.htm', '.txt', '.md']
const MAX_BYTES = 50 * 1024 * 1024

interface Upload {
  key: string
  name: string
  /** 0..1 of the bytes sent */
  progress: number
  error?: string
  jobId?: string
}

const STATUS: Record<LibraryJob['status'], string> = {
  queued: '排队 queued',
  reading: '读取中 reading',
  embedding: '向量化 embedding',
  done: '完成 done',
  failed: '失败 failed',
}

/** Why a file is refused before it is sent (the server checks again). */
function clientProblem(file: File): string | undefined {
  const ext = file.name.slice(file.name.lastIndexOf('.')).toLowerCase()
  if (!ACCEPT.includes(ext)) return `不支持的文件类型 unsupported type ${ext}; supported: ${ACCEPT.join(' ')}`
  if (file.size > MAX_BYTES) return `文件过大 larger than ${MAX_BYTES / 1024 / 1024} MB`
  if (!file.size) return '空文件 the file is empty'
  return undefined
}

function send(file: File, onProgress: (p: number) => void): Promise<LibraryJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/library')
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name))
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total)
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}')
      if (xhr.status === 202) resolve(body.job)
      else reject(new Error(body.error?.message ?? `HTTP ${xhr.status}`))
    }
    xhr.onerror = () => reject(new Error('network error'))
    xhr.send(file)
  })
}

/** Authors as typed: separated by 、 , ; or new lines. */
const splitAuthors = (text: string) =>
  text
    .split(/[、,，;；\n]+/)
    .map((a) => a.trim())
    .filter(Boolean)

/** The metadata form of one document: title, authors, year and (web pages) URL. */
function MetadataForm({ doc, onSaved, onCancel }: { doc: LibraryDocument; onSaved: (job: LibraryJob) => void; onCancel: () => void }) {
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const year = String(form.get('year') ?? '').trim()
    const body: Record<string, unknown> = {
      title: String(form.get('title') ?? '').trim(),
      authors: splitAuthors(String(form.get('authors') ?? '')),
      year: year ? Number(year) : null,
    }
    if (doc.web) body.url = String(form.get('url') ?? '').trim()
    setSaving(true)
    try {
      const r = await fetch(`/api/library/${encodeURIComponent(doc.id)}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      const json = await r.json()
      if (r.status !== 202) throw new Error(json.error?.message ?? `HTTP ${r.status}`)
      onSaved(json.job)
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setSaving(false)
    }
  }
  return (
    <form className="metadata-form" onSubmit={submit} aria-label={`编辑元数据 Edit metadata: ${doc.title}`}>
      <label>
        标题 Title <input name="title" defaultValue={doc.title} required maxLength={500} />
      </label>
      <label>
        作者 Authors <input name="authors" defaultValue={doc.authors.join('、')} placeholder="张三、李四" />
      </label>
      <label>
        年 Year <input name="year" type="number" min={1900} max={2100} defaultValue={doc.year ?? ''} />
      </label>
      {doc.web && (
        <label>
          网址 URL <input name="url" type="url" defaultValue={doc.url ?? ''} placeholder="https://…" />
        </label>
      )}
      <button type="submit" disabled={saving}>
        保存 Save
      </button>{' '}
      <button type="button" className="ghost" onClick={onCancel}>
        取消 Cancel
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/** Deleting removes the uploaded file and its passages: the user confirms it first. */
const deletePrompt = (title: string) =>
  `删除《${title}》？文件和它的段落都会从文献库中移除。\nDelete “${title}”? The file and its passages are removed from the library.`

export default function LibraryPage() {
  const [documents, setDocuments] = useState<LibraryDocument[]>([])
  const [jobs, setJobs] = useState<LibraryJob[]>([])
  const [uploads, setUploads] = useState<Upload[]>([])
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  /** the job of each document's last metadata edit */
  const [editJobs, setEditJobs] = useState<Record<string, string>>({})

  const refresh = useCallback(async () => {
    try {
      const r = await fetch('/api/library')
      const body = await r.json()
      if (!r.ok) throw new Error(body.error?.message ?? `HTTP ${r.status}`)
      setDocuments(body.documents)
      setJobs(body.jobs)
      setError(null)
    } catch (err) {
      setError((err as Error).message)
    }
  }, [])

  useEffect(() => {
    void refresh()
    const timer = setInterval(refresh, 1500)
    return () => clearInterval(timer)
  }, [refresh])

  const update = (key: string, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)))

  const addFiles = (files: File[]) => {
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random()}`
      const problem = clientProblem(file)
      setUploads((all) => [...all, { key, name: file.name, progress: 0, ...(problem ? { error: problem } : {}) }])
      if (problem) continue
      send(file, (progress) => update(key, { progress }))
        .then((job) => {
          update(key, { progress: 1, jobId: job.id })
          void refresh()
        })
        .catch((err: Error) => update(key, { error: err.message }))
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    addFiles([...e.dataTransfer.files])
  }

  const act = async (method: 'DELETE' | 'POST', id: string) => {
    const r = await fetch(`/api/library/${encodeURIComponent(id)}`, { method })
    if (!r.ok) setError((await r.json()).error?.message ?? `HTTP ${r.status}`)
    void refresh()
  }

  const jobOf = (u: Upload) => jobs.find((j) => j.id === u.jobId)

  return (
    <main className="library">
      <p className="doc-nav">
        <a href="/">← 对话 Chat</a> · <a href="/search">段落检索 Search</a>
      </p>
      <h1>文献库 Library</h1>
      <section className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} aria-label="上传 Upload">
        <p>把 PDF、Word、网页或文本文件拖到这里，或 Drop PDF, Word, HTML or text files here, or</p>
        <input type="file" multiple accept={ACCEPT.join(',')} aria-label="选择文件 Choose files" onChange={(e) => addFiles([...(e.target.files ?? [])])} />
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {uploads.length > 0 && (
        <ul className="uploads" aria-label="上传进度 Uploads">
          {uploads.map((u) => {
            const job = jobOf(u)
            return (
              <li key={u.key} data-file={u.name} data-status={u.error ? 'failed' : (job?.status ?? 'uploading')}>
                <span className="upload-name">{u.name}</span> <progress max={1} value={u.progress} />{' '}
                <span className="upload-status">
                  {u.error ? `失败 failed: ${u.error}` : job ? STATUS[job.status] : '上传中 uploading'}
                  {job?.status === 'failed' && job.reason ? `: ${job.reason}` : ''}
                </span>
                {job?.notices?.map((n) => (
                  <span key={n} className="upload-notice">
                    {' '}
                    {n}
                  </span>
                ))}
              </li>
            )
          })}
        </ul>
      )}
      <table className="library-list">
        <thead>
          <tr>
            <th>标题 Title</th>
            <th>作者 Authors</th>
            <th>年 Year</th>
            <th>页 Pages</th>
            <th>段落 Passages</th>
            <th>加入 Added</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => {
            const editJob = jobs.find((j) => j.id === editJobs[d.id])
            return (
              <Fragment key={d.id}>
                <tr data-doc={d.id} data-edit-status={editJob?.status}>
                  <td>
                    <a href={`/docs/${encodeURIComponent(d.id)}`}>{d.title}</a>
                    {editJob && editJob.status !== 'done' && (
                      <span className="upload-status">
                        {' '}
                        {STATUS[editJob.status]}
                        {editJob.reason ? `: ${editJob.reason}` : ''}
                      </span>
                    )}
                  </td>
                  <td>{d.authors.join('、')}</td>
                  <td>{d.year ?? ''}</td>
                  <td>{d.pages ?? ''}</td>
                  <td>{d.passages}</td>
                  <td>{d.addedAt ? new Date(d.addedAt).toLocaleString() : '—'}</td>
                  <td>
                    {d.editable && (
                      <button type="button" onClick={() => setEditing(editing === d.id ? null : d.id)} aria-expanded={editing === d.id}>
                        编辑 Edit
                      </button>
                    )}{' '}
                    {d.uploaded && (
                      <>
                        <button type="button" onClick={() => act('POST', d.id)}>
                          重新导入 Re-ingest
                        </button>{' '}
                        <button type="button" onClick={() => window.confirm(deletePrompt(d.title)) && act('DELETE', d.id)}>
                          删除 Delete
                        </button>
                      </>
                    )}
                  </td>
                </tr>
                {editing === d.id && (
                  <tr className="edit-row">
                    <td colSpan={7}>
                      <MetadataForm
                        doc={d}
                        onCancel={() => setEditing(null)}
                        onSaved={(job) => {
                          setEditJobs((all) => ({ ...all, [d.id]: job.id }))
                          setEditing(null)
                          void refresh()
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            )
          })}
        </tbody>
      </table>
    </main>
  )
}
