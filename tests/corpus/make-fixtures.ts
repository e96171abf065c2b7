// Fixtures made by the tests themselves: PDFs printed by Debian's Chromium, a .docx made with the
// `docx` package, a saved HTML article. Nothing is downloaded.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

/** Distinct sentences, each naming its page, so a test can tell where every passage belongs. */
export function pageSentences(page: number, count = 9): string[] {
  const topics = ['数字治理', '乡村振兴', '公共服务', '基层社会', '数据要素', '平台经济', '城市更新', '生态保护', '文化传承', '应急管理']
  return Array.from(
    { length: count },
    (_, i) =>
      `第${page}页第${i + 1}句讨论${topics[(page + i) % topics.length]}的制度安排与实践路径，研究者认为这一领域的改革需要兼顾效率与公平，并在长期观察中不断修正已有判断。`,
  )
}

export const HEADER_TEXT = '中国社会科学研究集刊'
export const FOOTER_TEXT = '内部交流资料'

const style = `
  body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; font-size: 12pt; line-height: 1.6; margin: 0; }
  .page { height: 240mm; position: relative; break-after: page; overflow: hidden; }
  .page:last-child { break-after: auto; }
  h1 { font-size: 20pt; margin: 0 0 8mm; }
  h2 { font-size: 16pt; margin: 4mm 0; }
  p { margin: 0 0 3mm; text-indent: 2em; }
  .notes { position: absolute; bottom: 0; left: 0; right: 0; font-size: 9pt; border-top: 1px solid #000; padding-top: 2mm; }
  .notes p { text-indent: 0; margin: 0; }
  .cols { column-count: 2; column-gap: 12mm; }
  .cols p { text-indent: 0; }
`

/** The test PDF's HTML: title page with a footnote, body pages, a two-column page, an image-only page. */
export function pdfHtml(imageDataUrl: string): string {
  const para = (page: number, from: number, to: number) =>
    pageSentences(page)
      .slice(from, to)
      .map((s) => s)
      .join('')
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><style>${style}</style></head><body>
<div class="page">
  <h1>数字时代的基层治理研究</h1>
  <h2>一、问题的提出</h2>
  <p>${para(1, 0, 3)}<sup>①</sup></p>
  <p>${para(1, 3, 6)}</p>
  <p>${para(1, 6, 9)}</p>
  <div class="notes"><p>① 参见张三：《基层治理的逻辑》，载《社会学研究》2020 年第 3 期，第 1—20 页。</p></div>
</div>
<div class="page">
  <h2>二、研究设计</h2>
  <p>${para(2, 0, 4)}</p>
  <p>${para(2, 4, 9)}</p>
</div>
<div class="page">
  <h2>三、两栏的比较</h2>
  <div class="cols">
    <p>${para(3, 0, 3)}</p><p>${para(3, 3, 5)}</p>
    <p>${para(3, 5, 7)}</p><p>${para(3, 7, 9)}</p>
  </div>
</div>
<div class="page"><img src="${imageDataUrl}" style="width:160mm;height:200mm"></div>
<div class="page">
  <h2>四、结论</h2>
  <p>${para(5, 0, 4)}</p>
  <p>${para(5, 4, 9)}</p>
</div>
</body></html>`
}

/** A 20-page Chinese text PDF for measuring ingest speed. */
export function longPdfHtml(pages: number): string {
  const body = Array.from(
    { length: pages },
    (_, i) =>
      `<div class="page"><h2>第${i + 1}节</h2><p>${pageSentences(i + 1, 5).join('')}</p><p>${pageSentences(i + 1, 9)
        .slice(5)
        .join('')}</p></div>`,
  ).join('\n')
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><style>${style}</style></head><body>${body}</body></html>`
}

/** A drawing with no text: what a scanned page looks like to a text extractor. */
const SCAN_IMAGE = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="500"><rect width="400" height="500" fill="#ddd"/><circle cx="200" cy="250" r="120" fill="#888"/></svg>')}`

/** Print HTML to a PDF with Chromium: running header and footer, page numbers, document title. */
export async function printPdf(html: string, file: string, headerFooter = true): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    await page.pdf({
      path: file,
      format: 'A4',
      margin: { top: '22mm', bottom: '22mm', left: '20mm', right: '20mm' },
      displayHeaderFooter: headerFooter,
      headerTemplate: `<div style="font-size:9pt;width:100%;text-align:center;font-family:sans-serif">${HEADER_TEXT}</div>`,
      footerTemplate: `<div style="font-size:9pt;width:100%;text-align:center;font-family:sans-serif">${FOOTER_TEXT} 第 <span class="pageNumber"></span> 页</div>`,
    })
  } finally {
    await browser.close()
  }
}

export async function makeTestPdf(dir: string): Promise<string> {
  const file = join(dir, 'governance.pdf')
  await printPdf(pdfHtml(SCAN_IMAGE), file)
  return file
}

/** A PDF whose only page is an image: no text layer at all. */
export async function makeScanOnlyPdf(dir: string): Promise<string> {
  const file = join(dir, 'scan.pdf')
  await printPdf(`<!doctype html><html><body><img src="${SCAN_IMAGE}" style="width:160mm;height:200mm"></body></html>`, file, false)
  return file
}

/** Sentences drawn as a picture on the second page of `makeScannedTextPdf` (what OCR should read). */
export const SCANNED_LINES = ['扫描页讨论湿地补偿的机制设计。', '研究者认为流域治理需要跨省协同。', '卫星遥感正在改变生态监测的方式。']

/** A PDF whose first page has a text layer and whose second is a picture of Chinese text (a scanned page). */
export async function makeScannedTextPdf(dir: string): Promise<string> {
  const file = join(dir, 'scanned.pdf')
  const draw = `const c = document.createElement('canvas'); c.width = 1400; c.height = 600; const g = c.getContext('2d');
g.fillStyle = '#fff'; g.fillRect(0, 0, 1400, 600); g.fillStyle = '#000'; g.font = '44px "Noto Sans CJK SC", sans-serif';
${JSON.stringify(SCANNED_LINES)}.forEach((line, k) => g.fillText(line, 60, 120 + k * 100));
document.getElementById('scan').src = c.toDataURL('image/png');`
  const html = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><style>${style}</style></head><body>
<div class="page"><h1>扫描文献的识别</h1><p>${pageSentences(1, 6).join('')}</p></div>
<div class="page"><img id="scan" style="width:170mm"></div>
<script>${draw}</script></body></html>`
  await printPdf(html, file, false)
  return file
}

export async function makeTestDocx(dir: string): Promise<string> {
  const { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx')
  const doc = new Document({
    creator: '李四',
    title: '平台经济的规制',
    footnotes: { 1: { children: [new Paragraph('王五：《平台经济导论》，北京大学出版社 2021 年版，第 33 页。')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: '平台经济的规制', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: '一、平台的定义', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('平台是连接多边用户的数字基础设施，它通过数据与算法组织交易。'),
              new FootnoteReferenceRun(1),
              new TextRun('这一定义已被广泛采用。'),
            ],
          }),
          new Paragraph({ text: '二、规制的路径', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('规制平台需要兼顾创新与竞争，监管机构应当依法开展反垄断审查。'),
        ],
      },
    ],
  })
  const file = join(dir, 'platform.docx')
  writeFileSync(file, await Packer.toBuffer(doc))
  return file
}

export function makeTestHtml(dir: string): string {
  const file = join(dir, 'article.html')
  writeFileSync(
    file,
    `<!doctype html><html lang="zh"><head><meta charset="utf-8">
<title>城市更新中的社区参与 - 观察网</title>
<link rel="canonical" href="https://example.org/articles/urban-renewal">
<meta name="author" content="赵六">
<meta property="article:published_time" content="2023-05-18T08:00:00+08:00">
</head><body>
<header><nav><a href="/">首页</a> <a href="/news">新闻</a> <a href="/about">关于我们</a></nav></header>
<article>
<h1>城市更新中的社区参与</h1>
<p class="byline">作者：赵六</p>
<p>城市更新不仅是物质空间的改造，更是社区关系的重建。居民参与决定了更新项目能否获得持续的社会支持。</p>
<h2>参与的机制</h2>
<p>在老旧小区改造中，居民议事会为不同群体提供了表达意见的平台，街道办事处据此调整改造方案。</p>
<p>研究发现，参与程度越高的社区，改造完成后的满意度也越高，邻里之间的互助网络更加紧密。</p>
<h2>面临的挑战</h2>
<p>然而，参与也面临成本高、周期长的问题，部分居民因为时间限制难以持续参与，需要制度化的支持。</p>
</article>
<footer>版权所有 观察网 备案号 12345</footer>
</body></html>`,
  )
  return file
}
