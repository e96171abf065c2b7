// Whether this server process has loaded the index yet, for the page's "loading the index…" notice.
// Next bundles instrumentation and pages separately: the state lives on globalThis, one per process.

export type WarmUpState = 'loading' | 'ready' | 'failed'

const shared = globalThis as typeof globalThis & { __warmUpState?: WarmUpState }

export const warmUpState = (): WarmUpState => shared.__warmUpState ?? 'ready'

export function setWarmUpState(state: WarmUpState): void {
  shared.__warmUpState = state
}
