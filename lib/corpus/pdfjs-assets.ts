// pdf.js's browser build, worker, CMaps, standard fonts and decoders, served from the installed
// package to the document viewer (no CDN): only these names, never a path a request makes up.
import { join } from 'node:path'
import { pdfjsDir } from './pdf'

const ASSETS: [RegExp, string][] = [
  [/^build\/pdf(?:\.worker)?\.min\.mjs$/, 'text/javascript; charset=utf-8'],
  [/^cmaps\/[\w.-]+\.bcmap$/, 'application/octet-stream'],
  [/^standard_fonts\/[\w.-]+\.(?:pfb|ttf)$/, 'application/octet-stream'],
  [/^wasm\/[\w-]+\.wasm$/, 'application/wasm'],
  [/^iccs\/[\w.-]+\.icc$/, 'application/vnd.iccprofile'],
]

/** The file and content type of one pdf.js asset (`build/pdf.min.mjs`, `cmaps/UniGB-UCS2-H.bcmap`, …), or undefined. */
export function pdfjsAsset(path: string): { file: string; type: string } | undefined {
  if (path.includes('..')) return undefined
  const type = ASSETS.find(([pattern]) => pattern.test(path))?.[1]
  return type ? { file: join(pdfjsDir(), path), type } : undefined
}
