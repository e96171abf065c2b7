import type { ReactNode } from 'react'
import './globals.css'

export const metadata = { title: '中文文献研究助手 · Research assistant', description: 'Citation-first bilingual search over Chinese documents' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  )
}
