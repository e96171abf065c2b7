import { type NextRequest, NextResponse } from 'next/server'
import { isAllowedHost } from './lib/host'

/**
 * Pages get a strict Content-Security-Policy with a fresh nonce per request: Next puts the nonce on
 * its own scripts and styles, so nothing else (an injected <script>, an inline handler, a remote
 * image) runs or loads. API routes are not matched: their bodies must stream to the handler unread.
 */
export function proxy(request: NextRequest) {
  if (!decodablePath(request.nextUrl.pathname)) return malformedUrl(request)
  if (!isAllowedHost(request.headers.get('host')))
    return new NextResponse('400 Bad Request: this server does not answer to that Host name; set ALLOWED_HOSTS to add it\n', { status: 400 })
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next()
  const key = process.env.APP_API_KEY
  if (key) {
    const locked = pageKeyCheck(request, key)
    if (locked) return locked
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const dev = process.env.NODE_ENV === 'development'
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  const headers = new Headers(request.headers)
  headers.set('x-nonce', nonce)
  headers.set('Content-Security-Policy', csp)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('Content-Security-Policy', csp)
  return response
}

const KEY_COOKIE = 'app_api_key'

/**
 * With APP_API_KEY set, pages (and through the cookie, the API calls they make) need the key: opening
 * any page once with `?key=<APP_API_KEY>` stores it in an HttpOnly, SameSite=Strict cookie.
 */
function pageKeyCheck(request: NextRequest, key: string): NextResponse | undefined {
  const offered = request.nextUrl.searchParams.get('key')
  if (offered !== null && sameText(offered, key)) {
    const clean = request.nextUrl.clone()
    clean.searchParams.delete('key')
    const response = NextResponse.redirect(clean, 303)
    response.cookies.set(KEY_COOKIE, key, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.nextUrl.protocol === 'https:' })
    return response
  }
  if (sameText(request.cookies.get(KEY_COOKIE)?.value ?? '', key)) return undefined
  return new NextResponse('401 Unauthorized: this server needs its key; open the page once with ?key=<APP_API_KEY>\n', {
    status: 401,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  })
}

/** Compares without stopping at the first difference (no timing hint about the key). */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  return diff === 0
}

/** Every %-escape in the path is valid UTF-8 (else Next itself fails on it with a 500). */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return true
  } catch {
    return false
  }
}

function malformedUrl(request: NextRequest): NextResponse {
  const message = 'the URL is malformed: a %-escape in its path is not valid UTF-8; encode the path with encodeURIComponent'
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.json({ error: { code: 'bad_request', message } }, { status: 400 })
  return new NextResponse(`400 Bad Request: ${message}\n`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

export const config = {
  matcher: [
    // document ids in API paths are checked too (GET only: no body to buffer)
    '/api/docs/:path*',
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
