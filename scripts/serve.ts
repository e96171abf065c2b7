// npm start, last step (exec'd by package.json): the built Next.js app on HOST (127.0.0.1 by default)
// and PORT (3000). POST /api/search, the endpoint scripts call at high rates, goes straight to its
// route handler (the same code, limits and errors as under Next) without Next's router, which costs
// more than the search itself: under 50 connections this triples the searches served per second.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { errorResponse } from '../lib/http'
import securityHeaders from '../lib/security-headers.json'
import { afterWarmUp } from '../lib/warm-up'

// as under `next start`: React and Next run their production code (set before either is loaded)
Object.assign(process.env, { NODE_ENV: 'production' })
// tsx turns on source maps for the whole process, and Node then reads and parses the .map file of every
// module it loads: Next's compiled chunks and the app's bundles, about a second of every start
process.setSourceMapsEnabled(false)
const { default: next } = await import('next')

type RouteHandler = (request: Request) => Promise<Response>
/** The search route's handler once loaded (after the index: until then Next serves searches too). */
let search: RouteHandler | undefined

const hostname = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || 3000)
const SEARCH_PATH = '/api/search'

/** Bodies declared this small are read at once (cheaper than a web stream); the route checks sizes either way. */
const SMALL_BODY_BYTES = 64 * 1024

/** The Node request as the web Request a route handler takes. */
async function webRequest(req: IncomingMessage): Promise<Request> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  // Node's parser stops at the declared length, so a small declared body stays small
  const small = Number(req.headers['content-length']) <= SMALL_BODY_BYTES
  const body = small ? Buffer.concat(await req.toArray()) : bodyStream(req)
  return new Request(`http://${hostname}:${port}${SEARCH_PATH}`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit)
}

/**
 * A large body as a web stream, pulled chunk by chunk. A route that refuses the body cancels the
 * stream; the request stays open so that the refusal can still be sent (see `send`). Node's
 * `Readable.toWeb` would destroy the socket there, or throw from its 'data' handler into the HTTP
 * parser when a chunk arrives after the cancel; either way the client saw a reset instead of a 413.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return NodeReadableStream.from(req.iterator({ destroyOnReturn: false })) as ReadableStream<Uint8Array>
}

/** How long a refused body is still read (and dropped) after the answer, so the client gets to read it. */
const LINGER_MS = 2000

/** Writes a route's complete (small) JSON response in one write, with the headers Next would add. */
async function send(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer())
  const headers = [...securityHeaders.map((h): [string, string] => [h.key, h.value]), ...response.headers, ['content-length', String(body.length)]]
  res.writeHead(response.status, headers.flat())
  res.end(body)
  // closing a socket with unread bytes resets it, and a reset can discard the answer before the client
  // reads it: drop what is still sent for a moment, then close
  if (!req.complete) {
    req.resume()
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref()
  }
}

async function serveSearch(search: RouteHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const response = await webRequest(req)
    .then(search)
    .catch((err) => errorResponse(err, 'search'))
  await send(response, req, res).catch(() => res.destroy()) // the client went away
}

const app = next({ dev: false, hostname, port })
const handle = app.getRequestHandler()
await app.prepare()
createServer((req, res) => {
  if (search && req.method === 'POST' && req.url === SEARCH_PATH) serveSearch(search, req, res)
  else handle(req, res)
})
  .on('error', (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? `port ${port} is in use: stop the other server or start with PORT=<another port>` : err.message)
    process.exit(1)
  })
  .listen(port, hostname, () => {
    console.log(` ✓ Ready on http://${hostname}:${port}`)
    // loading the route's modules takes most of a second of this thread: after the index has loaded
    afterWarmUp(() =>
      import('../app/api/search/route').then((route) => {
        search = route.POST
      }),
    )
  })

// stop at once on Ctrl-C or a service manager's TERM (requests are local and short)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    console.log(` ✓ Server stopped (${signal})`)
    process.exit(0)
  })
