export interface Span {
  start: number
  end: number
}

// A sentence ends at 。！？；… (Latin .!?; only before a space, a closing mark or non-Latin text, so a
// URL's "?" or a markdown image's "!" do not end one), with closing quotes/brackets kept on it.
const SENTENCE = /[^\n]*?(?:[。！？；]+|[!?;]+(?=[\s\u3000"'”’)\]]|$|[\u0080-\uffff])|…+|\.(?=\s|$))[”’」』）)"']*|[^\n]+$|[^\n]+(?=\n)/gy

/** Sentence spans of `text` (offsets shifted by `offset`); a line break always ends a sentence. */
export function splitSentences(text: string, offset = 0): Span[] {
  const spans: Span[] = []
  let i = 0
  while (i < text.length) {
    while (i < text.length && /[\s\u3000]/.test(text[i])) i++
    if (i >= text.length) break
    SENTENCE.lastIndex = i
    const m = SENTENCE.exec(text)
    const end = m?.[0].length ? i + m[0].length : text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i)
    let trimmed = end
    while (trimmed > i && /[\s\u3000]/.test(text[trimmed - 1])) trimmed--
    if (trimmed > i) spans.push({ start: offset + i, end: offset + trimmed })
    i = end
  }
  return spans
}
