import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { IndexError } from './store'

interface LockOwner {
  pid: number
  /** the process's start time (clock ticks since boot on Linux): a reused PID has another one */
  started: string
}

/** A process's start time, or undefined when the process does not exist. */
export function processStartTime(pid: number): string | undefined {
  try {
    // /proc/<pid>/stat: field 22 is the start time; the command name (field 2) may hold spaces, so count from its closing parenthesis
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return isAlive(pid) ? 'unknown' : undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(lock: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lock, 'utf8')) as Partial<LockOwner> | number
    // a lock written by an earlier version holds the PID alone
    if (typeof parsed === 'number') return { pid: parsed, started: 'unknown' }
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, started: String(parsed.started ?? 'unknown') } : undefined
  } catch {
    return undefined
  }
}

/** The owner still runs: same PID and same start time (a PID reused by another process does not count). */
function ownerRuns(owner: LockOwner): boolean {
  const started = processStartTime(owner.pid)
  if (started === undefined) return false
  return owner.started === 'unknown' || started === 'unknown' || started === owner.started
}

/**
 * Exclusive lock file beside the index, so two ingests never race. It records the PID and the
 * process's start time; a lock whose process is gone (or whose PID now belongs to another process)
 * is taken over: renamed away atomically, so of two processes taking it over only one succeeds.
 */
export function acquireLock(dir: string): () => void {
  const lock = `${resolve(dir)}.lock`
  mkdirSync(dirname(lock), { recursive: true })
  const me: LockOwner = { pid: process.pid, started: processStartTime(process.pid) ?? 'unknown' }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lock, JSON.stringify(me), { flag: 'wx' })
      return () => {
        if (readOwner(lock)?.pid === me.pid) rmSync(lock, { force: true })
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = readOwner(lock)
      if (owner && ownerRuns(owner)) throw new IndexError(`Another ingest (pid ${owner.pid}) is writing ${dir}; wait for it to finish.`)
      takeOver(lock, owner)
    }
  }
  throw new IndexError(`Could not lock ${dir}: another ingest keeps taking the lock.`)
}

function takeOver(lock: string, stale: LockOwner | undefined): void {
  const aside = `${lock}.stale-${process.pid}`
  try {
    renameSync(lock, aside)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return // someone else took it over first
    throw err
  }
  const moved = readOwner(aside)
  // what was renamed is not the lock judged stale: a live process had just taken it over; put it back
  if (moved && stale && (moved.pid !== stale.pid || moved.started !== stale.started)) {
    if (!existsSync(lock)) renameSync(aside, lock)
    throw new IndexError(`Another ingest (pid ${moved.pid}) is writing ${lock.slice(0, -'.lock'.length)}; wait for it to finish.`)
  }
  rmSync(aside, { force: true })
}

/**
 * Remove what an interrupted ingest left: temporary files inside the index directory and the
 * `.tmp-`/`.old-` copies of the earlier whole-directory format beside it. Call with the lock held.
 */
export function removeLeftovers(dir: string): string[] {
  const target = resolve(dir)
  const removed: string[] = []
  const parent = dirname(target)
  if (existsSync(parent)) {
    const prefix = basename(target)
    for (const name of readdirSync(parent)) {
      if (name.startsWith(`${prefix}.tmp-`) || name.startsWith(`${prefix}.old-`) || name.startsWith(`${prefix}.lock.stale-`)) {
        rmSync(join(parent, name), { recursive: true, force: true })
        removed.push(name)
      }
    }
  }
  if (existsSync(target)) {
    for (const name of readdirSync(target)) {
      if (/\.tmp-\d+$/.test(name)) {
        rmSync(join(target, name), { recursive: true, force: true })
        removed.push(name)
      }
    }
  }
  return removed
}
