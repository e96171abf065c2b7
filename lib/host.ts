// DNS rebinding: a page on another site whose name resolves to 127.0.0.1 reaches a loopback server
// with its own name in Host. Only names this server answers to are accepted.

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether a Host header names this server: ALLOWED_HOSTS (comma-separated names, ports ignored) when
 * set; otherwise the loopback names while the server listens on loopback (HOST unset or loopback),
 * and any name once HOST exposes it.
 */
export function isAllowedHost(host: string | null, env: Record<string, string | undefined> = process.env): boolean {
  const name = (host ?? '').toLowerCase().replace(/:\d+$/, '')
  const allowed = env.ALLOWED_HOSTS?.split(',').map((h) => h.trim().toLowerCase().replace(/:\d+$/, ''))
  if (allowed?.length) return allowed.includes(name) || LOOPBACK_NAMES.has(name)
  const bind = env.HOST ?? '127.0.0.1'
  return !(LOOPBACK_NAMES.has(bind) || bind.startsWith('127.')) || LOOPBACK_NAMES.has(name)
}
