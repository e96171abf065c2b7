import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getJieba } from './segment'

/** corpus/glossary.json: domain terms the dictionary lacks (English term -> Chinese terms). */
export interface Glossary {
  terms: Record<string, string[]>
}

export function readGlossary(corpusDir: string): Glossary | undefined {
  const file = join(corpusDir, 'glossary.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Glossary) : undefined
}

const taught = new Set<string>()

/**
 * Teach the shared retrieval segmenter the glossary's Chinese terms, so "中俄" is one word, not 中 + 俄.
 * Each term is taught once; romanization uses a segmenter of its own, so its output never depends on this.
 */
export function loadGlossaryIntoSegmenter(glossary: Glossary | undefined): void {
  if (!glossary) return
  const words = [...new Set(Object.values(glossary.terms).flat())].filter((w) => !taught.has(w))
  for (const w of words) taught.add(w)
  if (words.length) getJieba().loadDict(Buffer.from(words.map((w) => `${w} 100000 n`).join('\n')))
}
