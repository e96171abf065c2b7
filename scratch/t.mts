let t = performance.now()
const m = await import('pdfjs-dist/legacy/build/pdf.mjs')
console.log('import', performance.now() - t); t = performance.now()
const { readFileSync } = await import('node:fs')
const pdf = await m.getDocument({ data: new Uint8Array(readFileSync('/tmp/docsfx/long20.pdf')), isEvalSupported: false }).promise
console.log('open', performance.now() - t); t = performance.now()
for (let p = 1; p <= pdf.numPages; p++) { const pg = await pdf.getPage(p); await pg.getTextContent(); if (p===1) console.log('p1', performance.now() - t) }
console.log('text', performance.now() - t)
