// vitest globalSetup for the browser tests: one `next build` for all test files.
import { buildApp } from './server'

export default function setup() {
  buildApp()
}
