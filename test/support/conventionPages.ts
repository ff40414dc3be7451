import type { StructureRole } from '../../src/shared/types'
import type { StructureFile } from '../../src/shared/learningFiles'

// Made-up pages of a made-up county paper that prints a bracketed source line under every title
// (the editor marks it furniture): a convention the role model does not know, for the tests of
// what the approved pages teach it. Words vary with the seed.

const PLACES = ['城东区', '河西县', '南湖镇', '北山乡', '临江市', '西岭村', '东港区', '青石镇']
const TOPICS = ['修缮老街', '开通公交', '建成公园', '整治河道', '新建学校', '扩建医院', '改造菜场', '铺设管网']
const SOURCES = ['融媒体中心', '广播电视台', '新闻中心', '宣传办']

/** A made-up page of `n` articles; `seed` varies the words. Lines are returned with their roles. */
export function conventionPage(seed: number, n = 4): { text: string; roles: StructureRole[] } {
  const lines: Array<[StructureRole, string]> = []
  for (let k = 0; k < n; k++) {
    const place = PLACES[(seed * 3 + k) % PLACES.length]!
    const topic = TOPICS[(seed + k * 5) % TOPICS.length]!
    const source = SOURCES[(seed + k) % SOURCES.length]!
    lines.push(['title', `${place}${topic}进展顺利`])
    lines.push(['furniture', `（来源：${PLACES[(seed + k + 2) % PLACES.length]}${source}）`])
    lines.push(['body', `近日，${place}${topic}工程取得新进展，相关部门表示将在年内完成全部建设任务，居民对此普遍表示期待。`])
    lines.push(['body', `据介绍，${topic}项目总投资约${seed + k + 3}亿元，建成后将惠及周边${k + 2}万名居民，进一步改善当地生活条件。`])
    lines.push(['body', `下一步，${place}将继续加大投入力度，确保工程质量和施工安全，让群众早日享受发展成果。`])
  }
  return { text: lines.map(([, t]) => t).join('\n\n'), roles: lines.map(([r]) => r) }
}


/** The page as the editor approves it, in the form `galley analyze --json` prints. */
export function conventionStructure(seed: number): StructureFile {
  const { text, roles } = conventionPage(seed)
  const lines = text.split('\n\n')
  const articles: StructureFile['articles'] = []
  const furniture: string[] = []
  lines.forEach((line, i) => {
    if (roles[i] === 'title') articles.push({ kind: 'article', title: line, headings: [line], byline: null, paragraphs: [] })
    else if (roles[i] === 'furniture') furniture.push(line)
    else articles[articles.length - 1]!.paragraphs!.push({ role: 'body', text: line })
  })
  return { articles, furniture }
}
