// Progress of a long step: a bar redrawn in place on a terminal, a plain line every few seconds in a
// pipe or CI log; both with the rate and an estimate of the time left.

export interface Progress {
  /** `done` of `total` units, with an optional note on what is being done */
  update(done: number, note?: string): void
  /** the final line (the bar is replaced by it) */
  finish(message?: string): void
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream
  /** seconds between lines when the stream is not a terminal */
  every?: number
  unit?: string
  /** show fractions of `total` as a percentage only (for steps measured in work, not items) */
  percent?: boolean
  /** draw a bar (default: when the stream is a terminal and not in CI) */
  bar?: boolean
}

const seconds = (s: number) => (s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`)

export function createProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr
  const tty = options.bar ?? (!!stream.isTTY && !process.env.CI)
  const every = (options.every ?? 3) * 1000
  const started = performance.now()
  let lastLine = Number.NEGATIVE_INFINITY
  let lastNote = ''
  const render = (done: number, note: string) => {
    const elapsed = (performance.now() - started) / 1000
    const fraction = total > 0 ? Math.min(1, done / total) : 0
    const amount = options.percent ? `${Math.round(fraction * 100)}%` : `${done}/${total}${options.unit ? ` ${options.unit}` : ''}`
    const eta = fraction > 0.02 && fraction < 1 ? `, about ${seconds((elapsed / fraction) * (1 - fraction))} left` : ''
    const rate = !options.percent && elapsed > 0.5 ? `, ${(done / elapsed).toFixed(1)}/s` : ''
    return { fraction, text: `${label}: ${amount}${note ? ` (${note})` : ''}${rate}${eta}, ${seconds(elapsed)} so far` }
  }
  return {
    update(done, note = lastNote) {
      lastNote = note
      const now = performance.now()
      const { fraction, text } = render(done, note)
      if (tty) {
        const width = 24
        const filled = Math.round(fraction * width)
        stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`)
      } else if (now - lastLine >= every) {
        lastLine = now
        stream.write(`${text}\n`)
      }
    },
    finish(message) {
      const line = message ?? `${label}: done in ${seconds((performance.now() - started) / 1000)}`
      stream.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`)
    },
  }
}
