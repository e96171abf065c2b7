// The library's ingest thread starts as plain JavaScript: register the TypeScript loader, then run it.
import { register } from 'tsx/esm/api'

register()
await import('./library-worker.ts')
