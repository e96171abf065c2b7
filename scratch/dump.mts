import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { readFileSync } from 'node:fs'
const pdf = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), isEvalSupported: false }).promise
console.log(pdf.numPages, (await pdf.getMetadata()).info)
for (let p = 1; p <= pdf.numPages; p++) {
  const page = await pdf.getPage(p)
  const vp = page.getViewport({ scale: 1 })
  const tc = await page.getTextContent()
  console.log('--- page', p, vp.width, vp.height, tc.items.length)
  for (const it of tc.items.slice(0, 40)) if ('str' in it) console.log(JSON.stringify(it.str).slice(0,50), it.transform.map((x:number)=>Math.round(x)).join(','), Math.round(it.width), Math.round(it.height), it.hasEOL)
}
