'use client'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import Markdown from 'react-markdown'

/** Marks "[n]" for a chip with characters markdown gives no meaning to, so nothing before it (a "!") can turn it into an image or a link. */
const CHIP_OPEN = '\uE000'
const CHIP_CLOSE = '\uE001'
const CHIP = new RegExp(`${CHIP_OPEN}(\\d{1,3})${CHIP_CLOSE}`, 'g')
export const chipMarker = (n: number) => `${CHIP_OPEN}${n}${CHIP_CLOSE}`

// everything else is unwrapped to its text; raw HTML is shown as text by react-markdown itself
const ALLOWED = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'a',
  'span',
  'button',
]

/** A link into this app (a path on this origin or an anchor on this page); anything else is shown as text. */
export function isAppLink(href: string): boolean {
  return /^\/(?![/\\])/.test(href) || href.startsWith('#')
}

const text = (value: string): ElementContent => ({ type: 'text', value })
const span = (className: string, children: ElementContent[]): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: [className] },
  children,
})

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  return node.type === 'element' ? node.children.map(textOf).join('') : ''
}

/** One node made safe: images and foreign links become visible text (URL included), chip markers become chips. */
function safeNode(node: ElementContent): ElementContent[] {
  if (node.type === 'text') {
    const parts = node.value.split(CHIP)
    if (parts.length === 1) return [node]
    return parts.map((part, i) =>
      i % 2 ? { type: 'element', tagName: 'button', properties: { type: 'button', className: ['chip'], dataCite: part }, children: [text(part)] } : text(part),
    )
  }
  if (node.type !== 'element') return [node]
  if (node.tagName === 'img') {
    const { alt, src } = node.properties
    return [span('external', [text(`[${String(alt ?? 'image')}] (${String(src ?? '')})`)])]
  }
  node.children = node.children.flatMap(safeNode)
  if (node.tagName === 'a') {
    const href = String(node.properties.href ?? '')
    if (!isAppLink(href)) {
      const label = node.children.map(textOf).join('')
      return [span('external', [...node.children, ...(label === href ? [] : [text(` (${href})`)])])]
    }
    node.properties = { href }
  }
  if (node.tagName === 'code' || node.tagName === 'pre') node.children = node.children.map((c) => (c.type === 'element' ? text(textOf(c)) : c))
  return [node]
}

function rehypeSafe() {
  return (tree: Root) => {
    tree.children = tree.children.flatMap((c: RootContent) => (c.type === 'doctype' ? [] : safeNode(c as ElementContent))) as RootContent[]
  }
}

/**
 * Model output (or any untrusted markdown) rendered through an allow-list: no images, no raw HTML,
 * links only into this app (others shown as text with their URL), and `chipMarker(n)` as a citation chip.
 */
export function SafeMarkdown({ markdown, onChip }: { markdown: string; onChip: (n: number) => void }) {
  return (
    <Markdown
      rehypePlugins={[rehypeSafe]}
      allowedElements={ALLOWED}
      unwrapDisallowed
      components={{
        button: ({ node, children, ...props }) => {
          const n = Number(node?.properties.dataCite)
          return (
            <button {...props} type="button" aria-label={`citation ${n}`} data-cite={n} onClick={() => onChip(n)}>
              {children}
            </button>
          )
        },
      }}
    >
      {markdown}
    </Markdown>
  )
}

/** Text with `chipMarker(n)` chips and nothing else interpreted: for answers made of quoted source text. */
function TextWithChips({ value, onChip }: { value: string; onChip: (n: number) => void }) {
  return value.split(CHIP).map((part, i) =>
    i % 2 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed string
      <button key={i} type="button" className="chip" aria-label={`citation ${part}`} data-cite={part} onClick={() => onChip(Number(part))}>
        {part}
      </button>
    ) : (
      part
    ),
  )
}

/**
 * An answer quoted from the sources, rendered as text: the source's own characters (`*`, `_`,
 * `[..](..)`, `<http://..>`, HTML) are shown, never interpreted. Lines starting with "> " are quotes,
 * runs of lines starting with "- " lists (the answerer's own layout), "---" a rule; everything
 * else a line of text.
 */
export function QuotedText({ text, onChip }: { text: string; onChip: (n: number) => void }) {
  const blocks = text.split(/\n{2,}/)
  return blocks.map((block, i) => {
    const key = `${i}:${block.slice(0, 20)}`
    if (/^-{3,}$/.test(block.trim())) return <hr key={key} />
    const lines = block.split('\n')
    if (lines.some((l) => l.startsWith('- '))) return <LinesAndLists key={key} lines={lines} onChip={onChip} />
    if (lines.every((l) => l.startsWith('>')))
      return (
        <blockquote key={key}>
          <p>
            {lines.map((l, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed block
              <LineWithBreak key={j} first={j === 0} value={l.replace(/^>\s?/, '')} onChip={onChip} />
            ))}
          </p>
        </blockquote>
      )
    return (
      <p key={key}>
        {lines.map((l, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed block
          <LineWithBreak key={j} first={j === 0} value={l} onChip={onChip} />
        ))}
      </p>
    )
  })
}

/** A block whose runs of "- " lines are lists and whose other lines are text ("Possibly related:" then its list). */
function LinesAndLists({ lines, onChip }: { lines: string[]; onChip: (n: number) => void }) {
  const runs: { list: boolean; lines: string[] }[] = []
  for (const line of lines) {
    const list = line.startsWith('- ')
    if (runs.at(-1)?.list === list) runs.at(-1)!.lines.push(line)
    else runs.push({ list, lines: [line] })
  }
  return runs.map((run, i) =>
    run.list ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one fixed block
      <ul key={i}>
        {run.lines.map((l, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed run
          <li key={j}>
            <TextWithChips value={l.slice(2)} onChip={onChip} />
          </li>
        ))}
      </ul>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one fixed block
      <p key={i}>
        {run.lines.map((l, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed run
          <LineWithBreak key={j} first={j === 0} value={l} onChip={onChip} />
        ))}
      </p>
    ),
  )
}

function LineWithBreak({ value, first, onChip }: { value: string; first: boolean; onChip: (n: number) => void }) {
  return (
    <>
      {first ? null : <br />}
      <TextWithChips value={value} onChip={onChip} />
    </>
  )
}
