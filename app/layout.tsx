import { connection } from 'next/server'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata = { title: '中文文献研究助手 · Research assistant', description: 'Citation-first bilingual search over Chinese documents' }

export default async function RootLayout({ children }: { children: ReactNode }) {
  // every page is rendered per request: the CSP nonce (proxy.ts) is new each time
  await connection()
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  )
}
