import { type NextRequest, NextResponse } from 'next/server'

/**
 * Pages get a strict Content-Security-Policy with a fresh nonce per request: Next puts the nonce on
 * its own scripts and styles, so nothing else (an injected <script>, an inline handler, a remote
 * image) runs or loads. API routes are not matched: their bodies must stream to the handler unread.
 */
export function proxy(request: NextRequest) {
  if (!decodablePath(request.nextUrl.pathname)) return malformedUrl(request)
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next()
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
