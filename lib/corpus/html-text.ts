import { parseHTML } from 'linkedom'

const BLOCKS = new Set(['P', 'LI', 'BLOCKQUOTE', 'PRE', 'DT', 'DD', 'FIGCAPTION', 'TD', 'TH', 'CAPTION'])
const HEADING = /^H([1-6])$/

/**
 * HTML (an article body, or mammoth's rendering of a .docx) as normalizer input: one line per
 * paragraph, '#' headings, `[^label]` note markers and `[^label]: text` note lines at the end.
 * `noteTargets` tells which element ids are notes, and the label each gets.
 */
export function htmlToText(html: string, noteLabel: (id: string) => string | undefined): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`)
  const notes: string[] = []
  const lines: string[] = []

  // note markers: a link to a note becomes [^label]; the note's own back-links go
  for (const a of [...document.querySelectorAll('a[href^="#"]')]) {
    const label = noteLabel(a.getAttribute('href')!.slice(1))
    if (label) a.replaceWith(document.createTextNode(`[^${label}]`))
  }
  for (const el of [...document.querySelectorAll('[id]')]) {
    const label = noteLabel(el.getAttribute('id')!)
    if (!label || el.tagName === 'A') continue
    for (const back of [...el.querySelectorAll('a[href^="#"]')]) back.remove()
    notes.push(`[^${label}]: ${clean(el.textContent ?? '')}`)
    el.remove()
  }

  const walk = (node: Element) => {
    for (const child of [...node.children]) {
      const level = child.tagName.match(HEADING)?.[1]
      if (level) lines.push(`${'#'.repeat(Math.min(Number(level), 3))} ${clean(child.textContent ?? '')}`)
      else if (BLOCKS.has(child.tagName) && !child.querySelector('p, li, h1, h2, h3, h4, h5, h6, blockquote')) lines.push(clean(child.textContent ?? ''))
      else walk(child)
    }
  }
  walk(document.body)
  return [...lines.filter(Boolean), ...notes].join('\n')
}

const clean = (s: string) => s.replace(/[\s\u00A0]+/g, ' ').trim()
