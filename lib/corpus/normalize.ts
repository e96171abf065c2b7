import type { Block, BlockKind, DocumentMeta, Marker, Reference, Section } from '../types'
import { isIbid, parseReference } from './references'

/** The structure recovered from a raw text: clean text plus everything that points into it. */
export interface NormalizedText {
  text: string
  blocks: Block[]
  sections: Section[]
  markers: Marker[]
  references: Reference[]
  detected: Partial<DocumentMeta>
}

const TERMINAL = /[。！？；：!?;:■」』”’）)…]$/
const SENTENCE_END = /[。！？!?■…]$/
const FOOTNOTE_LINE = /^(\^\{(\*{1,3})\}|\^?(\*{1,3})(?=\s)|\^([①-⑳])|([①-⑳])(?=\s)|\[\^([^\]]+)\]:)\s*/
const MARKER = /\^\{(\*{1,3})\}|\^([①-⑳])|\[\^([^\]\s]+)\]|\s?\[(\d{1,3}(?:[,，-]\d{1,3})*)\]/g
const AFFILIATION = /(大学|学院|研究院|研究所|研究中心|科学院|委员会|部|中心|University|Institute|Academy)/
const AUTHOR_LINE = /^[\p{Script=Han}·]{2,4}([\s　,，、]+[\p{Script=Han}·]{2,4}){0,7}$/u
const PAGE_NUMBER = /^[-—\s]*\d{1,4}[-—\s]*$/

type HeadingKind = 'md1' | 'md2' | 'md3' | 'num1' | 'num2' | 'cn' | 'paren' | 'ordinal' | 'abstract'

interface Line {
  text: string
  /** index of the footnote block that follows this line (markers link there) */
  region: number
}

interface Para {
  text: string
  region: number
  kind: BlockKind
  heading?: HeadingKind
  /** inline heading: length of the lead sentence that names the section */
  inlineHeadingLength?: number
  lang?: 'zh' | 'en'
  markers: { label: string; index: number; length: number; region: number }[]
}

interface RawNote {
  label: string
  text: string
  block: number
}

/** Display width: CJK and full-width forms count double, as they do on a PDF line. */
function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) w += /[\u1100-\uFFEF]/.test(ch) && !/[\uFF61-\uFFDC]/.test(ch) ? 2 : 1
  return w
}

function percentile(values: number[], p: number): number {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

function joinPieces(a: string, b: string): string {
  if (!a) return b
  // Latin words wrapped at a line end keep a space between them; CJK text does not.
  return /[A-Za-z0-9,.;:)’”'"]$/.test(a) && /^[A-Za-z0-9(“‘'"<]/.test(b) ? `${a} ${b}` : a + b
}

/**
 * Without a byline, the title of a note or a report is its first line when that line stands alone (a
 * blank line after it), is short and ends no sentence ("中俄能源合作", "# Energy cooperation").
 */
function standaloneTitle(rawLines: string[]): string | undefined {
  const first = rawLines.findIndex((l) => l.trim())
  const line = (rawLines[first] ?? '').trim().replace(/^#{1,6}\s+/, '')
  if (first < 0 || rawLines[first + 1]?.trim() || !rawLines.slice(first + 1).some((l) => l.trim())) return undefined
  return line.length <= 60 && !SENTENCE_END.test(line) && !/[，,；;：:、]$/.test(line) && line.search(MARKER) < 0 ? line : undefined
}

function headingKind(text: string): HeadingKind | undefined {
  const t = text.trim()
  if (/^#{1,3}\s/.test(t)) return `md${t.match(/^#+/)![0].length}` as HeadingKind
  if (t.length > 60) return undefined
  if (/^\d{1,2}\.\d{1,2}[　\s]*[^\d\s.]/.test(t) && t.length <= 40) return 'num2'
  if (/^\d{1,2}[　\s]+[^\d\s年月日%]/.test(t) && t.length <= 40 && !/。./.test(t)) return 'num1'
  if (/^[一二三四五六七八九十]{1,3}、/.test(t) && !/[。；].+/.test(t)) return 'cn'
  if (/^[（(][一二三四五六七八九十\d]{1,2}[）)]/.test(t) && t.length <= 40) return 'paren'
  return undefined
}

function isFurniture(line: string, counts: Map<string, number>): boolean {
  if (PAGE_NUMBER.test(line)) return true
  if (/^[·•].{1,24}[·•]$/.test(line)) return true
  // A short line that repeats is a running header or footer.
  return line.length <= 24 && (counts.get(line) ?? 0) >= 2 && !TERMINAL.test(line) && !headingKind(line)
}

export function normalizeText(raw: string): NormalizedText {
  const rawLines = raw
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
  const counts = new Map<string, number>()
  for (const l of rawLines) if (l) counts.set(l, (counts.get(l) ?? 0) + 1)

  // 1. Separate footnote blocks from body lines; drop page furniture and end marks.
  const body: Line[] = []
  const notes: RawNote[] = []
  let block = 0
  let inNotes = false
  for (const original of rawLines) {
    const line = original.replace(/\s*■$/, '')
    if (!line || isFurniture(line, counts)) continue
    const fn = line.match(FOOTNOTE_LINE)
    if (fn && line.length > fn[0].length) {
      const label = fn[2] ?? fn[3] ?? fn[4] ?? fn[5] ?? fn[6]
      notes.push({ label, text: line.slice(fn[0].length).trim(), block })
      inNotes = true
      continue
    }
    const last = notes[notes.length - 1]
    if (inNotes && last && !/[。.]$/.test(last.text) && line.length < 200 && !headingKind(line)) {
      last.text = joinPieces(last.text, line) // a footnote wrapped onto the next line
      continue
    }
    if (inNotes) block++
    inNotes = false
    body.push({ text: line, region: block })
  }

  // 2. Front matter: title, authors, affiliation among the first lines.
  const detected: Partial<DocumentMeta> = {}
  const front: Para[] = []
  const frontIndexes = new Set<number>()
  const stripMarkers = (s: string) => s.replace(MARKER, '')
  const candidates = body
    .slice(0, 10)
    .map((l, i) => ({ ...l, i }))
    .filter((l) => !/^(摘\s*要|abstract)/i.test(l.text))
  const authorCandidate = candidates.slice(0, 6).find((l) =>
    AUTHOR_LINE.test(
      stripMarkers(l.text)
        .replace(/^[（(]|[）)]$/g, '')
        .trim(),
    ),
  )
  if (authorCandidate) {
    // the title is the nearest short line above the authors that is not the affiliation
    const titleLine = candidates
      .filter((l) => l.i < authorCandidate.i && l.i >= authorCandidate.i - 2)
      .reverse()
      .find((l) => l.text.length <= 60 && !SENTENCE_END.test(l.text) && !/^[（(]/.test(l.text))
    const affiliationLine = candidates.find(
      (l) => l !== authorCandidate && l !== titleLine && Math.abs(l.i - authorCandidate.i) <= 2 && /^[（(]/.test(l.text) && AFFILIATION.test(l.text),
    )
    if (titleLine) {
      detected.title = stripMarkers(titleLine.text).trim()
      front.push(lineToPara(titleLine, 'title'))
      frontIndexes.add(titleLine.i)
    }
    const authorText = stripParens(authorCandidate.text)
    detected.authors = stripMarkers(authorText)
      .split(/[\s　,，、]+/)
      .filter(Boolean)
    front.push(lineToPara({ ...authorCandidate, text: authorText }, 'byline'))
    frontIndexes.add(authorCandidate.i)
    if (affiliationLine) {
      const affiliation = stripParens(affiliationLine.text)
      detected.affiliation = stripMarkers(affiliation).trim()
      front.push(lineToPara({ ...affiliationLine, text: affiliation }, 'byline'))
      frontIndexes.add(affiliationLine.i)
    }
  }
  if (!detected.title) detected.title = standaloneTitle(rawLines)
  const bodyLines = body.filter((_, i) => !frontIndexes.has(i))

  // 3. Rebuild paragraphs. PDF text is hard-wrapped: a paragraph ends where a line ends a sentence
  //    short of the right margin, or where the next line starts indented.
  const widths = bodyLines.map((l) => displayWidth(l.text))
  const wrapped = bodyLines.length >= 10 && percentile(widths, 0.5) < 70
  const fullWidth = percentile(widths, 0.9)
  const paras: Para[] = []
  let current: Para | undefined
  let currentLines = 0
  let previous: Line | undefined
  for (const line of bodyLines) {
    const kind = headingKind(line.text)
    const abstractStart = /^(摘\s*要|abstract)\s*[:：]/i.test(line.text)
    let startNew = !current || !!kind || abstractStart
    if (!startNew && current && previous) {
      if (current.heading === 'paren') {
        // a heading wrapped onto a short last line: "（5）…良性" + "互动。"
        startNew = TERMINAL.test(previous.text) || currentLines > 1 || !(line.text.length <= 10 && SENTENCE_END.test(line.text))
      } else if (current.heading && current.heading !== 'abstract') startNew = true
      else if (wrapped) {
        const prevWidth = displayWidth(previous.text)
        startNew = TERMINAL.test(previous.text) && (prevWidth < fullWidth - 2 || displayWidth(line.text) <= fullWidth - 3)
      } else startNew = TERMINAL.test(previous.text)
    }
    if (startNew) {
      current = { text: line.text, region: line.region, kind: kind ? 'heading' : 'paragraph', heading: kind, markers: [] }
      if (abstractStart) current.heading = 'abstract'
      paras.push(current)
      currentLines = 1
    } else {
      current!.text = joinPieces(current!.text, line.text)
      currentLines++
    }
    previous = line
    // markers keep the page region of the line they sit on
    collectMarkers(current!, line)
  }

  // 4. Assemble the normalized text, blocks, sections and markers.
  let text = ''
  const blocks: Block[] = []
  const sections: Section[] = []
  const markers: (Marker & { region: number })[] = []
  const stack: HeadingKind[] = []
  const levelFor = (kind: HeadingKind) => {
    if (kind === 'abstract' || stack[0] === 'abstract') stack.length = 0
    const at = stack.indexOf(kind)
    if (at >= 0) stack.length = at
    stack.push(kind)
    return stack.length
  }
  const emit = (para: Para) => {
    const { clean, found } = renderMarkers(para)
    if (text) text += '\n'
    const blockStart = text.length
    text += clean
    for (const m of found) markers.push({ ...m, start: m.start + blockStart, end: m.end + blockStart })
    const b: Block = { kind: para.kind, start: blockStart, end: text.length }
    if (para.lang) b.lang = para.lang
    if (para.kind === 'heading' || para.heading) {
      const level = levelFor(para.heading!)
      let title = clean.replace(/^#+\s*/, '')
      let end = b.end
      if (para.heading === 'abstract') {
        const label = clean.match(/^(摘\s*要|abstract)\s*[:：]\s*/i)!
        title = /^abstract/i.test(label[1]) ? 'Abstract' : '摘要'
        end = blockStart + label[1].length
        b.kind = 'paragraph'
        if (title === 'Abstract') b.lang = 'en'
      } else if (para.heading === 'ordinal') {
        end = blockStart + para.inlineHeadingLength!
        title = clean.slice(0, para.inlineHeadingLength!)
        b.kind = 'paragraph'
      }
      if (b.kind === 'heading') b.level = level
      const section: Section = { title: stripMarkerLabels(title, found), level, start: blockStart, end }
      // an abstract is a section of its own paragraph only; the body that follows starts afresh
      if (para.heading === 'abstract') section.blockEnd = b.end
      sections.push(section)
    }
    blocks.push(b)
  }

  for (const p of front) emit(p)
  for (const p of paras) {
    const ordinal = p.kind === 'paragraph' && !p.heading ? p.text.match(/^第[一二三四五六七八九十]{1,3}[,，、][^。；;]{2,80}[。；;]/) : null
    if (ordinal) {
      p.heading = 'ordinal'
      p.inlineHeadingLength = ordinal[0].length
    }
    emit(p)
  }

  // 5. The source's own notes become a reference list at the end, each linked to its markers.
  const references: Reference[] = []
  if (notes.length) {
    stack.length = 0
    emit({ text: '注释', region: 0, kind: 'heading', heading: 'md1', markers: [] })
    notes.forEach((note, i) => {
      const id = `n${i + 1}`
      const start = text.length + 1
      text += `\n${note.label} ${note.text}`
      const ibidOf = isIbid(note.text) ? references[references.length - 1] : undefined
      references.push({
        id,
        label: note.label,
        text: note.text,
        start,
        end: text.length,
        fields: ibidOf ? { ...ibidOf.fields } : parseReference(note.text),
        ...(ibidOf ? { sameAs: ibidOf.sameAs ?? ibidOf.id } : {}),
        citedAt: [],
      })
      blocks.push({ kind: 'note', start, end: text.length, refId: id })
    })
  }
  for (const marker of markers) {
    const ref = linkMarker(marker, notes, references)
    if (ref) {
      marker.refId = ref.id
      ref.citedAt.push({ start: marker.start, end: marker.end })
    }
  }
  return { text, blocks, sections, markers: markers.map(({ region: _r, ...m }) => m), references, detected }

  function lineToPara(line: Line, kind: BlockKind): Para {
    const p: Para = { text: line.text, region: line.region, kind, markers: [] }
    collectMarkers(p, line, 0)
    return p
  }
}

function stripParens(s: string): string {
  return s
    .replace(/^[（(]\s*/, '')
    .replace(/\s*[）)]$/, '')
    .trim()
}

/** Record the markers of a line just appended at the end of a paragraph. */
function collectMarkers(para: Para, line: Line, offset = para.text.length - line.text.length) {
  MARKER.lastIndex = 0
  for (const m of line.text.matchAll(MARKER)) {
    const label = m[1] ?? m[2] ?? m[3] ?? `[${m[4]}]`
    para.markers.push({ label, index: offset + m.index!, length: m[0].length, region: line.region })
  }
}

/** Replace raw marker syntax (^①, ^{*}, [^1], " [3]") by the bare label, remembering where each lands. */
function renderMarkers(para: Para): { clean: string; found: (Marker & { region: number })[] } {
  let clean = ''
  let cursor = 0
  const found: (Marker & { region: number })[] = []
  for (const m of [...para.markers].sort((a, b) => a.index - b.index)) {
    clean += para.text.slice(cursor, m.index)
    const start = clean.length
    clean += m.label
    found.push({ label: m.label, start, end: clean.length, region: m.region })
    cursor = m.index + m.length
  }
  clean += para.text.slice(cursor)
  return { clean, found }
}

function stripMarkerLabels(title: string, found: Marker[]): string {
  let out = title
  for (const m of found) if (out.endsWith(m.label)) out = out.slice(0, -m.label.length)
  return out.trim()
}

/** A marker refers to the note with its label in the footnote block that closes its page. */
function linkMarker(marker: { label: string; region: number }, notes: RawNote[], refs: Reference[]): Reference | undefined {
  const byBlock = (block: number) => notes.findIndex((n) => n.block === block && n.label === marker.label)
  let index = byBlock(marker.region)
  for (let d = 1; index < 0 && d <= 2; d++) index = byBlock(marker.region + d)
  if (index < 0) index = notes.findIndex((n) => n.label === marker.label && n.block > marker.region)
  return index >= 0 ? refs[index] : undefined
}
