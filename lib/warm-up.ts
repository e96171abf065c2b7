// Whether this server process has loaded the index yet, for the page's "loading the index…" notice.
// Next bundles instrumentation and pages separately: the state lives on globalThis, one per process.

export type WarmUpState = 'loading' | 'ready' | 'failed'

const shared = globalThis as typeof globalThis & { __warmUpState?: WarmUpState; __afterWarmUp?: (() => void)[] }

export const warmUpState = (): WarmUpState => shared.__warmUpState ?? 'ready'

export function setWarmUpState(state: WarmUpState): void {
  shared.__warmUpState = state
  if (state === 'loading') return
  for (const callback of shared.__afterWarmUp?.splice(0) ?? []) callback()
}

/** Runs `callback` once the index has loaded (or failed to): at once when no warm-up is under way. */
export function afterWarmUp(callback: () => void): void {
  if (warmUpState() !== 'loading') callback()
  else (shared.__afterWarmUp ??= []).push(callback)
}
