import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceStamp } from '../../scripts/source-stamp.mjs'
import { tempDir } from '../helpers'

describe('the stamp of the code an app build was made from', () => {
  it('changes when a source file is edited or added, and not for files outside the sources', () => {
    const root = tempDir('stamp-')
    mkdirSync(join(root, 'lib'))
    writeFileSync(join(root, 'lib', 'a.ts'), 'export const a = 1\n')
    const first = sourceStamp(root)
    expect(sourceStamp(root)).toBe(first)
    writeFileSync(join(root, 'notes.md'), 'not a source\n')
    mkdirSync(join(root, 'data'))
    writeFileSync(join(root, 'data', 'index.db'), '')
    expect(sourceStamp(root)).toBe(first)
    const later = new Date(Date.now() + 60_000)
    utimesSync(join(root, 'lib', 'a.ts'), later, later)
    const edited = sourceStamp(root)
    expect(edited).not.toBe(first)
    writeFileSync(join(root, 'lib', 'b.ts'), 'export const b = 2\n')
    utimesSync(join(root, 'lib', 'b.ts'), 0, 0)
    expect(sourceStamp(root)).not.toBe(edited)
  })
})
