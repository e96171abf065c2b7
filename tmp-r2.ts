import { glossWords } from './lib/answer/reading'
console.log(JSON.stringify(glossWords('俄罗斯大学、科研院所虽积淀了许多优秀的科研成果，技术转移中介组织缺乏。'), null, 0))
