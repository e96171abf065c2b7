// Worker threads start as plain JavaScript: register the TypeScript loader, then run the worker.
import { register } from 'tsx/esm/api'

register()
await import('./vector-worker.ts')
