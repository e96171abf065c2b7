import { loadConfig } from './lib/config'
import { Retriever } from './lib/retrieve/retriever'

const SEARCHES = ['技术转移', 'technology transfer', '中俄科技创新合作的风险', 'export controls on chips', '金砖国家数字经济', 'space security alliance']
const r = await Retriever.open(loadConfig(), {})
for (let i = 0; i < 200; i++) await r.search(SEARCHES[i % 6], 5, 'hybrid', {})
for (const q of SEARCHES) {
  const t = performance.now()
  for (let i = 0; i < 2000; i++) await r.search(q, 5, 'hybrid', {})
  console.log(q, ((performance.now() - t) / 2000).toFixed(3), 'ms')
}
