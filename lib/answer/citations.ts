// The answer's own citation markers are "[n]" (several: "[1][3]" or "[1, 3]"), numbering the
// retrieved passages. The sources' own footnote markers are removed from every quote and every
// passage shown to a model, so a "[1]" in an answer always means passage 1.

const CITATION = /[[【]\s*(\d{1,2}(?:\s*[,，、;]\s*\d{1,2})*)\s*[\]】]/g

/** Numbers cited in a piece of answer text, in order of first appearance. */
export function parseCitations(text: string): number[] {
  const seen: number[] = []
  for (const m of text.matchAll(CITATION)) for (const n of m[1].split(/[,，、;]/).map((s) => Number(s.trim()))) if (!seen.includes(n)) seen.push(n)
  return seen
}

export interface CheckedSentence {
  text: string
  cited: number[]
  /** numbers that named no retrieved passage and were removed */
  invented: number[]
  uncited: boolean
}

export const UNCITED_MARK = '[?]'

/**
 * Keep only citations of passages that were retrieved (1..count), normalise them to "[n]",
 * and mark a sentence that makes a claim without any citation.
 */
export function checkSentence(sentence: string, count: number): CheckedSentence {
  const cited: number[] = []
  const invented: number[] = []
  const text = sentence.replace(CITATION, (_, list: string) => {
    const kept = list
      .split(/[,，、;]/)
      .map((s) => Number(s.trim()))
      .filter((n) => {
        const ok = n >= 1 && n <= count
        if (!ok) invented.push(n)
        else if (!cited.includes(n)) cited.push(n)
        return ok
      })
    return kept.map((n) => `[${n}]`).join('')
  })
  const claim = /[\p{L}\p{N}]{2,}/u.test(text.replace(CITATION, '')) && !/^\s*(#|[-*]\s*$)/.test(text) && !/[:：]\s*$/.test(text.trim())
  const uncited = claim && cited.length === 0
  return { text: uncited ? insertBeforeEnd(text, ` ${UNCITED_MARK}`) : text, cited, invented, uncited }
}

/** Put a mark before the sentence's trailing white space. */
function insertBeforeEnd(text: string, mark: string): string {
  const m = /\s*$/.exec(text)!
  return text.slice(0, m.index) + mark + text.slice(m.index)
}

// A sentence ends at 。！？ or .!? followed by space, then any citation markers directly after it.
const SENTENCE_END = /(?:[。！？!?]|\.(?=\s))[”’」』）)"']*(?:\s*[[【]\s*\d{1,2}(?:\s*[,，、;]\s*\d{1,2})*\s*[\]】])*|\n+/g

/**
 * Cuts streamed model text into complete sentences so each can be checked before it is shown.
 * A sentence is complete once something other than its trailing citations follows it.
 */
export class SentenceBuffer {
  private buffer = ''

  push(delta: string): string[] {
    this.buffer += delta
    const out: string[] = []
    let from = 0
    for (const m of this.buffer.matchAll(SENTENCE_END)) {
      const end = m.index + m[0].length
      // wait: a citation or more of the same sentence may still arrive
      if (/^\s*(?:[[【][\d\s,，、;]*)?$/.test(this.buffer.slice(end))) break
      out.push(this.buffer.slice(from, end))
      from = end
    }
    this.buffer = this.buffer.slice(from)
    return out
  }

  flush(): string[] {
    const rest = this.buffer
    this.buffer = ''
    return rest ? [rest] : []
  }
}
