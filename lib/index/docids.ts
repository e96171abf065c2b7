import { createHash } from 'node:crypto'
import { basename, extname } from 'node:path'
import type { CorpusFile } from '../corpus/load'

/**
 * Make document ids unique. Files whose names map to one id ("a.txt" and "a.md", "a b.txt" and
 * "a-b.txt") are resolved deterministically: the first file name in code-point order keeps the id,
 * each other file gets its extension appended ("a-txt"), and if that is taken too, a short hash of
 * its file name. Every renamed file is reported.
 */
export function uniqueDocIds(files: CorpusFile[]): { files: CorpusFile[]; renamed: { file: string; docId: string; clashesWith: string }[] } {
  const sorted = [...files].sort((a, b) => (basename(a.path) < basename(b.path) ? -1 : basename(a.path) > basename(b.path) ? 1 : 0))
  const plain = new Set(sorted.map((f) => f.docId || 'document'))
  const owner = new Map<string, string>()
  const renamed: { file: string; docId: string; clashesWith: string }[] = []
  const out = sorted.map((file) => {
    const base = file.docId || 'document'
    if (!owner.has(base)) {
      owner.set(base, basename(file.path))
      return base === file.docId ? file : { ...file, docId: base }
    }
    const name = basename(file.path)
    const ext = extname(name)
      .slice(1)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
    let id = ext ? `${base}-${ext}` : base
    // never take an id a file maps to by itself, nor one already given out
    if (!ext || owner.has(id) || plain.has(id)) id = `${base}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`
    owner.set(id, name)
    renamed.push({ file: name, docId: id, clashesWith: owner.get(base)! })
    return { ...file, docId: id }
  })
  return { files: out, renamed }
}
