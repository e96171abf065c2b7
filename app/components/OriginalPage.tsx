'use client'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { passageItems } from '@/lib/corpus/page-highlight'
import { LangText } from './LangText'

// pdf.js's browser build, served by the app from the installed package (/api/pdfjs); loaded only
// when a reader opens the original page. Typed by hand: the module is fetched at run time, not bundled.
interface PdfJs {
  GlobalWorkerOptions: { workerSrc: string }
  getDocument(options: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> }
  TextLayer: new (options: {
    textContentSource: unknown
    container: HTMLElement
    viewport: unknown
  }) => {
    render(): Promise<void>
    textDivs: HTMLElement[]
    textContentItemsStr: string[]
  }
}
interface PdfDocument {
  numPages: number
  getPage(n: number): Promise<{
    getViewport(options: { scale: number }): { width: number; height: number; scale: number }
    render(options: { canvas: HTMLCanvasElement; viewport: unknown }): { promise: Promise<void> }
    getTextContent(): Promise<unknown>
  }>
}

const ASSETS = '/api/pdfjs'
let pdfjs: Promise<PdfJs> | undefined
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (import(/* webpackIgnore: true */ /* turbopackIgnore: true */ `${ASSETS}/build/pdf.min.mjs`) as Promise<PdfJs>).then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = `${ASSETS}/build/pdf.worker.min.mjs`
    return lib
  })
  return pdfjs
}

type View = 'text' | 'original'

/**
 * The document viewer's two views of a PDF: the normalized text (children) and the original page
 * drawn by pdf.js, with the cited passage's text runs highlighted on its text layer.
 */
export function OriginalPageToggle({ docId, page, passage, children }: { docId: string; page?: number; passage?: string; children: ReactNode }) {
  const [view, setView] = useState<View>('text')
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form section */}
      <div className="view-switch" role="group" aria-label="视图 View">
        <button type="button" aria-pressed={view === 'text'} onClick={() => setView('text')}>
          <LangText zh="规范化文本" en="Normalized text" />
        </button>
        <button type="button" aria-pressed={view === 'original'} onClick={() => setView('original')} data-view="original">
          原文页面 Original page
        </button>
      </div>
      <div hidden={view !== 'text'}>{children}</div>
      {view === 'original' && <OriginalPage docId={docId} initialPage={page ?? 1} passage={passage} />}
    </>
  )
}

function OriginalPage({ docId, initialPage, passage }: { docId: string; initialPage: number; passage?: string }) {
  const [pdf, setPdf] = useState<PdfDocument>()
  const [pageNo, setPageNo] = useState(initialPage)
  const [error, setError] = useState<string>()
  const [state, setState] = useState<'loading' | 'rendered'>('loading')
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const layerRef = useRef<HTMLDivElement>(null)
  const boxRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    let task: ReturnType<PdfJs['getDocument']> | undefined
    loadPdfJs()
      .then((lib) => {
        task = lib.getDocument({
          url: `/api/docs/${encodeURIComponent(docId)}/original`,
          cMapUrl: `${ASSETS}/cmaps/`,
          cMapPacked: true,
          standardFontDataUrl: `${ASSETS}/standard_fonts/`,
          wasmUrl: `${ASSETS}/wasm/`,
          iccUrl: `${ASSETS}/iccs/`,
          isEvalSupported: false,
        })
        return task.promise
      })
      .then(setPdf, (err: Error) => setError(/404|Missing PDF/i.test(`${err.name} ${err.message}`) ? 'missing' : `${err.name}: ${err.message}`.slice(0, 300)))
    return () => {
      void task?.destroy()
    }
  }, [docId])

  useEffect(() => {
    if (!pdf || !canvasRef.current || !layerRef.current || !boxRef.current) return
    let cancelled = false
    setState('loading')
    ;(async () => {
      const lib = await loadPdfJs()
      const page = await pdf.getPage(pageNo)
      const width = boxRef.current?.clientWidth || 800
      const scale = Math.min(2, width / page.getViewport({ scale: 1 }).width)
      const viewport = page.getViewport({ scale })
      const canvas = canvasRef.current!
      const ratio = window.devicePixelRatio || 1
      canvas.width = Math.floor(viewport.width * ratio)
      canvas.height = Math.floor(viewport.height * ratio)
      canvas.style.width = `${Math.floor(viewport.width)}px`
      canvas.style.height = `${Math.floor(viewport.height)}px`
      await page.render({ canvas, viewport: page.getViewport({ scale: scale * ratio }) }).promise
      if (cancelled) return
      const layer = layerRef.current!
      layer.replaceChildren()
      for (const [name, value] of [
        ['--scale-factor', String(scale)],
        ['--total-scale-factor', String(scale)],
        ['--scale-round-x', '1px'],
        ['--scale-round-y', '1px'],
      ])
        layer.style.setProperty(name, value)
      const text = new lib.TextLayer({ textContentSource: await page.getTextContent(), container: layer, viewport })
      await text.render()
      if (cancelled) return
      if (passage) {
        const hits = passageItems(text.textContentItemsStr, passage)
        for (const i of hits) text.textDivs[i]?.classList.add('passage-hit')
        text.textDivs[hits[0]]?.scrollIntoView({ block: 'center' })
      }
      setState('rendered')
    })().catch((err: Error) => setError(`${err.name}: ${err.message}`.slice(0, 300)))
    return () => {
      cancelled = true
    }
  }, [pdf, pageNo, passage])

  if (error)
    return (
      <p className="original-page-error" role="alert">
        {error === 'missing' ? (
          <LangText
            zh="此文档的原始 PDF 文件未保存（只保存通过文献库上传或放在语料文件夹中的文件）。"
            en="The original PDF of this document is not kept (only files uploaded to the library or placed in the corpus folder are)."
          />
        ) : (
          error
        )}
      </p>
    )
  return (
    <section className="original-page" aria-label="原文页面 Original page" data-state={state} data-page={pageNo}>
      <p className="page-nav">
        <button type="button" className="ghost" disabled={!pdf || pageNo <= 1} onClick={() => setPageNo((n) => n - 1)}>
          ←
        </button>{' '}
        <LangText zh={`第 ${pageNo} 页，共 ${pdf?.numPages ?? '…'} 页`} en={`Page ${pageNo} of ${pdf?.numPages ?? '…'}`} />{' '}
        <button type="button" className="ghost" disabled={!pdf || pageNo >= pdf.numPages} onClick={() => setPageNo((n) => n + 1)}>
          →
        </button>
      </p>
      <div className="pdf-page" ref={boxRef}>
        <canvas ref={canvasRef} />
        <div className="textLayer" ref={layerRef} />
      </div>
    </section>
  )
}
