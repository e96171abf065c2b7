import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // the built-in embedder is built once into data/cache; files share it one after another
    fileParallelism: false,
  },
})
