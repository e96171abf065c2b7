import type { Passage } from './types'

/** Human-readable listing of passages for the command line. */
export function formatPassages(passages: Passage[]): string {
  return passages
    .map(
      (p) => `#${p.rank}  ${p.title}${p.section ? ` — ${p.section}` : ''}  (score ${p.score.toFixed(4)}, ${p.chunkId})\n    ${p.text.replace(/\n/g, '\n    ')}`,
    )
    .join('\n\n')
}

/** The DESIGN contract's result shape: only the promised fields, in order. */
export function passageJson(p: Passage) {
  return { rank: p.rank, chunkId: p.chunkId, docId: p.docId, title: p.title, section: p.section, text: p.text, score: p.score }
}
