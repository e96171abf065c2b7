import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acquireLock, processStartTime, removeLeftovers } from '../../lib/index/lock'
import { tempDir } from '../helpers'

/** The PID of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout)
}

describe('ingest lock', () => {
  it('records the PID and the process start time', () => {
    const index = join(tempDir('lock-'), 'index')
    const release = acquireLock(index)
    const owner = JSON.parse(readFileSync(`${index}.lock`, 'utf8'))
    expect(owner).toEqual({ pid: process.pid, started: processStartTime(process.pid) })
    expect(() => acquireLock(index)).toThrow(/Another ingest \(pid \d+\) is writing/)
    release()
    expect(existsSync(`${index}.lock`)).toBe(false)
  })

  it('takes over a lock whose process is gone', () => {
    const index = join(tempDir('lock-'), 'index')
    writeFileSync(`${index}.lock`, JSON.stringify({ pid: deadPid(), started: '12345' }))
    const release = acquireLock(index)
    expect(JSON.parse(readFileSync(`${index}.lock`, 'utf8')).pid).toBe(process.pid)
    release()
  })

  it('takes over a lock whose PID now belongs to another process (start time differs)', () => {
    const index = join(tempDir('lock-'), 'index')
    // PID 1 runs, but it is not the process that wrote this lock
    writeFileSync(`${index}.lock`, JSON.stringify({ pid: 1, started: 'not-its-start-time' }))
    const release = acquireLock(index)
    expect(JSON.parse(readFileSync(`${index}.lock`, 'utf8')).pid).toBe(process.pid)
    release()
  })

  it('does not take over the lock of a running ingest', () => {
    const index = join(tempDir('lock-'), 'index')
    writeFileSync(`${index}.lock`, JSON.stringify({ pid: process.pid, started: processStartTime(process.pid) }))
    expect(() => acquireLock(index)).toThrow(/Another ingest \(pid \d+\)/)
  })
})

describe('leftovers', () => {
  it('removes temporary files and the copies of the earlier whole-directory format', () => {
    const parent = tempDir('left-')
    const index = join(parent, 'index')
    mkdirSync(index)
    mkdirSync(join(parent, 'index.tmp-123'))
    mkdirSync(join(parent, 'index.old-456'))
    writeFileSync(join(index, 'hnsw-3.bin.tmp-789'), 'x')
    writeFileSync(join(index, 'index.db'), 'kept')
    writeFileSync(join(parent, 'index-other.txt'), 'kept')
    expect(removeLeftovers(index).sort()).toEqual(['hnsw-3.bin.tmp-789', 'index.old-456', 'index.tmp-123'])
    expect(existsSync(join(index, 'index.db'))).toBe(true)
    expect(existsSync(join(parent, 'index-other.txt'))).toBe(true)
  })
})
