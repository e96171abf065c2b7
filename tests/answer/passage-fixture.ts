import type { CitedPassage } from '../../lib/answer/passages'

/** A numbered passage of one document, its whole text plain (no note markers), as the answerer receives it. */
export const citedPassage = (n: number, plain: string, section = '一、政策'): CitedPassage => ({
  n,
  chunkId: `c${n}`,
  docId: 'd',
  title: 'T',
  section,
  kind: 'passage',
  text: plain,
  plain,
  start: 0,
  end: plain.length,
  matched: [],
})

/** An extractive input's vectors, all alike: its sentences are scored on their words alone. */
export const flatVectors = {
  embedDocuments: async (texts: string[]) => texts.map(() => new Float32Array(2)),
  queryVector: new Float32Array(2),
}
