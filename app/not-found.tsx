import Link from 'next/link'

// (Next's built-in page styles itself inline, which the pages' Content-Security-Policy refuses)
export default function NotFound() {
  return (
    <main className="not-found">
      <h1>404</h1>
      <p lang="zh-CN">找不到这个页面或文献。</p>
      <p lang="en">This page or document does not exist.</p>
      <p>
        <Link href="/">问答 · Ask</Link> · <Link href="/search">检索 · Search</Link>
      </p>
    </main>
  )
}
