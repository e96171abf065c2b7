import { readDocumentFile } from '../lib/corpus/readers.ts'
const t = performance.now()
const r = await readDocumentFile(process.argv[2])
console.log(performance.now() - t, 'ms')
console.log(JSON.stringify({ ...r, pages: r.pages?.length }, null, 1).slice(0, 6000))
