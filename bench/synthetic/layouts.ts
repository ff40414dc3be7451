// Pages laid out the way national and other papers print them, every line labelled with its
// role: the training and held-out material of the structure role model
// (scripts/structure/fit-roles.ts). Everything is invented from the word lists of this folder.
//
// What these layouts add to page.ts's city daily: a date-and-source or word-count line under
// every article, bare-name bylines, long titles with a column tag, datelines (本报X地X月X日电,
// 新华社X月X日电), photos and their credits before the body, one- and two-level column labels,
// briefs columns, letters signed at the end, poems, subheads with a comma or colon, author notes,
// and column breaks anywhere in a paragraph.
import type { LineRole } from '../../src/core/analysis/types'
import type { Rng } from './prng'
import { deriveSeed, mulberry32 } from './prng'
import { paperName, personName, placeStem } from './names'
import type { Scene } from './sentences'
import { paragraph, sentence } from './sentences'
import { GENERIC, TOPICS } from './topics'
import { toHalfWidth } from './damage'

export interface LabelledLine {
  text: string
  role: LineRole
  /** Index of the article on the page, -1 for furniture. */
  article: number
  /** The second or later part of a paragraph cut by a column break. */
  continuation?: boolean
}

export interface LayoutPage {
  text: string
  /** One per non-empty line of `text`, in order. */
  lines: LabelledLine[]
}

/** How one paper prints: fixed for all pages of an edition (what edition evidence can learn). */
export interface PaperStyle {
  paper: string
  /** Date-and-source line under each article: 0 none, 1 《报》（date 第 N 版）, 2 报 date 第N版, 3 word count. */
  sourceLine: number
  /** Where the source line goes: after the byline (0) or at the end of the article (1). */
  sourceAt: number
  /** Byline shape: 0 bare name, 1 本报记者 X, 2 文/X, 3 记者 X 通讯员 Y, 4 X（本报记者）, 5 a foreign contributor. */
  byline: number
  /** Datelines open the lead (本报X地X月X日电) in this share of news stories. */
  dateline: number
  /** Credit shape: 0 X摄, 1 X摄（tag）, 2 新华社记者 X 摄, 3 X供图 / 受访者供图, 4 资料图片 / 新华社发. */
  credit: number
  creditTag: string
  /** Page label at the top: `05版：评论` shapes. */
  pageLabel: number
  halfWidth: boolean
  indent: string
  /** Tags printed after titles: （评论员观察）. */
  columnTags: string[]
  /**
   * A line of the paper's own that no cue word gives away (a listening or reading prompt), printed
   * under every article or at the foot of every page: only the edition shows it is furniture.
   */
  ownLine: string | null
  ownLineAt: number
  /** Two-level column labels (栏目 + 子栏目) over features. */
  labels: [string, string]
}

export interface LayoutEdition {
  style: PaperStyle
  year: number
  month: number
  day: number
  sections: string[]
}

const COLUMN_WORDS = ['观察', '随笔', '时评', '走笔', '评论', '新论', '微观', '调研', '纪事', '视点', '一线', '手记']
const LABEL_WORDS = ['奋进新征程', '基层治理', '高质量发展', '乡村行', '城市更新', '民生实事', '法治纵横', '文化中国', '绿色发展']
const SOURCES = ['新华社', '中新社', '本报', '本报', 'X日报', 'X晚报', '据新华社']
const SECTIONS = ['要闻', '评论', '经济', '社会', '文化', '国际', '理论', '副刊', '体育', '生态', '读者来信', '视觉']
const PROVINCES = ['江东省', '岭南省', '西川省', '北原省', '云中省', '海滨省']

export function paperStyle(rng: Rng): PaperStyle {
  const tag = (): string => rng.pick(GENERIC.idioms).slice(0, 2) + rng.pick(COLUMN_WORDS)
  return {
    paper: paperName(rng),
    sourceLine: rng.weighted([30, 35, 20, 15]),
    sourceAt: rng.chance(0.7) ? 0 : 1,
    byline: rng.weighted([30, 25, 15, 20, 10, 8]),
    dateline: rng.pick([0, 0.5, 0.8]),
    credit: rng.weighted([25, 25, 20, 15, 15]),
    creditTag: rng.pick(['影像中国', '视觉', '人民视觉', '图片新闻', '新华社发']),
    pageLabel: rng.weighted([40, 30, 30]),
    halfWidth: rng.chance(0.4),
    indent: rng.chance(0.3) ? '\u3000\u3000' : '',
    columnTags: [tag(), tag(), tag()],
    ownLine: rng.chance(0.6) ? `${rng.pick(['扫码', '掌上', '融媒', '云端'])}${rng.pick(['收听本文', '阅读全文', '看视频', '听新闻'])}${rng.pick(['', ' 第#期', ' #版'])}` : null,
    ownLineAt: rng.int(0, 1),
    labels: [rng.pick(LABEL_WORDS), rng.pick(LABEL_WORDS).slice(0, 3) + '·' + rng.pick(COLUMN_WORDS)]
  }
}

export function layoutEdition(seed: number, index: number): LayoutEdition {
  const rng = mulberry32(deriveSeed(seed, 0x1a70, index))
  return { style: paperStyle(rng), year: 2020 + rng.int(0, 6), month: rng.int(1, 12), day: rng.int(1, 28), sections: SECTIONS }
}

function sceneFor(rng: Rng, e: LayoutEdition): Scene {
  return {
    topic: rng.pick(TOPICS),
    district: placeStem(rng) + '区',
    street: placeStem(rng) + '街道',
    community: placeStem(rng) + '社区',
    venue: placeStem(rng) + '广场',
    year: e.year,
    month: e.month,
    day: e.day,
    recent: [],
    lastTemplate: -1
  }
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** A two-character name printed with a space in the middle, as bare bylines often are. */
function printedName(rng: Rng): string {
  const n = personName(rng)
  return n.length === 2 && rng.chance(0.6) ? `${n[0]}${rng.pick([' ', '  ', '\u3000'])}${n[1]}` : n
}

/** A column tag after a title: short (`（走笔）`) or a long series name. */
function columnTag(rng: Rng, style: PaperStyle): string {
  if (rng.chance(0.6)) return rng.pick(style.columnTags)
  const a = rng.pick(GENERIC.idioms)
  return rng.chance(0.5) ? `${a}·${rng.pick(GENERIC.idioms)}` : `${rng.pick(['深入学习', '奋进', '聚焦', '走进'])}${a}${rng.pick(COLUMN_WORDS)}`
}

function title(rng: Rng, scene: Scene, style: PaperStyle, long: boolean): string {
  const t = scene.topic
  let s: string
  switch (rng.int(0, 5)) {
    case 0:
      s = `${rng.pick(t.slogans)}，${rng.pick(t.slogans)}`
      break
    case 1:
      s = `${rng.pick(['为', '以', '让'])}${rng.pick(t.acts).replace(/^(开展|组织|举办)/, '')}${rng.pick(['注入新动能', '提供坚实支撑', '添彩', '护航'])}`
      break
    case 2:
      s = `${scene.district.slice(0, 2)}：${rng.pick(t.acts)}`
      break
    case 3:
      s = `${rng.pick(t.slogans)}${rng.pick(['的', ''])}“${rng.pick(GENERIC.idioms)}”`
      break
    default:
      s = rng.pick(t.slogans) + rng.pick(['正当时', '见实效', '开新局', '有新招'])
  }
  // a long title of two clauses side by side, as national papers print their main news
  if (rng.chance(0.12)) s = `${rng.pick(t.slogans)}${rng.pick(t.acts)}${rng.pick(['  ', ' ', '\u3000'])}${rng.pick(t.slogans)}${rng.pick(t.results)}`.slice(0, 44)
  if (long && rng.chance(0.6)) s += `（${columnTag(rng, style)}）`
  else if (rng.chance(0.15)) s = `${rng.pick(scene.topic.acts)}${rng.pick(['，', '  '])}${s}`
  return s
}

function byline(rng: Rng, style: PaperStyle, shape = style.byline): string {
  switch (shape) {
    case 0:
      return printedName(rng)
    case 1:
      return `本报记者 ${personName(rng)}${rng.chance(0.3) ? ` ${personName(rng)}` : ''}`
    case 2:
      return `文/${personName(rng)}`
    case 3:
      return `本报记者  ${personName(rng)}  通讯员  ${personName(rng)}`
    case 4:
      return `${personName(rng)}（本报记者）`
    default:
      return foreignName(rng)
  }
}

const SYLLABLES = [...'阿艾安奥巴贝比波布达德蒂多厄菲弗格哈汉赫霍基吉卡凯科克库拉莱兰劳勒里利林卢鲁伦罗洛马麦曼梅米莫穆纳内尼诺帕佩皮普萨塞森索塔泰特托瓦维沃西希谢雅亚伊尤泽扎']
const COUNTRIES = ['德国', '法国', '巴西', '埃及', '肯尼亚', '智利', '芬兰', '葡萄牙', '新西兰', '哈萨克斯坦', '阿根廷', '希腊']

/** A transliterated name (`卡莱·萨维林`), alone or after its country (`（德国）卡莱·萨维林`). */
function foreignName(rng: Rng): string {
  const part = (): string => Array.from({ length: rng.int(2, 4) }, () => rng.pick(SYLLABLES)).join('')
  const name = rng.chance(0.8) ? `${part()}·${part()}` : personName(rng)
  return rng.chance(0.5) || name.length <= 3 ? `（${rng.pick(COUNTRIES)}）${name}` : name
}

function sourceLine(rng: Rng, style: PaperStyle, e: LayoutEdition, pageNo: number): string | null {
  switch (style.sourceLine) {
    case 1:
      return `《${style.paper}》（${e.year}年${pad(e.month)}月${pad(e.day)}日第 ${pad(pageNo)} 版）`
    case 2:
      return `${style.paper} ${e.year}-${pad(e.month)}-${pad(e.day)} 第${pageNo}版`
    case 3:
      return `（全文约${rng.int(8, 40)}00字）`
    default:
      return null
  }
}

function credit(rng: Rng, style: PaperStyle): string {
  switch (style.credit) {
    case 0:
      return `${printedName(rng)}摄`
    case 1:
      return `${printedName(rng)}摄（${style.creditTag}）`
    case 2:
      return `${rng.pick(['新华社记者', '本报记者'])}  ${printedName(rng)}摄`
    case 3:
      return rng.chance(0.5) ? '受访者供图' : `${rng.chance(0.5) ? printedName(rng) : placeStem(rng) + '博物馆'}供图`
    default:
      return rng.pick(['资料图片', '新华社发', '资料照片', `新华社发（${printedName(rng)}摄）`])
  }
}

function captionText(rng: Rng, scene: Scene): string {
  const c = rng.pick(scene.topic.captions)
  // a photo story's caption tells the news in a sentence or two before saying what the picture shows
  if (rng.chance(0.3)) return `${sentence(rng, scene, 'first')}${rng.chance(0.5) ? sentence(rng, scene, 'middle') : ''}图为${c}。`
  return rng.chance(0.5) ? `${scene.community}${c}。` : rng.chance(0.5) ? `${e2(rng)}，${c}。` : c
}

function e2(rng: Rng): string {
  return `${rng.int(1, 12)}月${rng.int(1, 28)}日`
}

function dateline(rng: Rng, e: LayoutEdition, withReporter: boolean): string {
  const source = rng.pick(SOURCES).replace('X', placeStem(rng).slice(0, 1) + rng.pick(['江', '州', '川', '海']))
  if (source === '据新华社') return `据新华社电${rng.chance(0.5) ? '  ' : ''}`
  const place = rng.chance(0.2) ? placeStem(rng) + placeStem(rng) + placeStem(rng) + placeStem(rng) : placeStem(rng)
  const m = e.month
  const d = Math.max(1, e.day - rng.int(0, 2))
  const who = withReporter ? `（记者${rng.chance(0.5) ? ' ' : ''}${personName(rng)}${rng.chance(0.3) ? `、${personName(rng)}` : ''}）` : ''
  return source === '本报' && rng.chance(0.2) ? `本报讯${who || `（记者 ${personName(rng)}）`}` : `${source}${place}${m}月${d}日电${who}`
}

function authorNote(rng: Rng, scene: Scene): string {
  const who = rng.pick([`${placeStem(rng)}大学${rng.pick(['教授', '研究员', '副教授', '校长'])}`, `${scene.district}${rng.pick(['文化馆馆员', '教师', '社区干部'])}`, `《${paperName(rng)}》原主编`, `${rng.pick(['作家', '音乐人', '志愿者'])}，本报记者${personName(rng)}采访整理`])
  return `（作者${rng.pick(['为', '系'])}${who}）`
}

function subhead(rng: Rng, scene: Scene): string {
  const t = scene.topic
  switch (rng.int(0, 3)) {
    case 0:
      return `${rng.pick(t.slogans)}，${rng.pick(t.slogans)}`
    case 1:
      return `${rng.pick(['一', '二', '三'])}、${rng.pick(t.slogans)}`
    case 2:
      return `“${rng.pick(GENERIC.idioms)}，${rng.pick(t.slogans)}”`
    default:
      return rng.pick(t.acts).replace(/^(开展|组织|举办|推进)/, '')
  }
}

interface Builder {
  lines: LabelledLine[]
  add(role: LineRole, text: string, article: number): void
}

function body(rng: Rng, b: Builder, scene: Scene, n: number, a: number, opts: { lead?: string; subheads?: boolean }): void {
  let since = 0
  for (let i = 0; i < n; i++) {
    if (opts.subheads && i > 0 && since >= 2 && i < n - 1 && rng.chance(0.4)) {
      b.add('subhead', subhead(rng, scene), a)
      since = 0
    }
    since++
    const p = paragraph(rng, scene, i === 0 ? 'first' : i === n - 1 ? 'last' : 'middle')
    b.add('body', i === 0 && opts.lead ? opts.lead + p : p, a)
  }
}

function photos(rng: Rng, b: Builder, scene: Scene, style: PaperStyle, a: number): void {
  const n = rng.int(1, 4)
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.7)) {
      b.add('caption', captionText(rng, scene), a)
      b.add('credit', credit(rng, style), a)
    } else b.add('caption', `${captionText(rng, scene).replace(/。$/, '')}。${credit(rng, style)}`, a)
  }
}

type Kind = 'news' | 'comment' | 'feature' | 'briefs' | 'letters' | 'poem' | 'photo'

function articleOf(rng: Rng, b: Builder, kind: Kind, e: LayoutEdition, pageNo: number, a0: number): number {
  const style = e.style
  const scene = sceneFor(rng, e)
  const src = (): string | null => sourceLine(rng, style, e, pageNo)
  let a = a0
  const tail = (art: number, s: string | null): void => {
    if (s && style.sourceAt === 1) b.add('furniture', s, art)
  }
  switch (kind) {
    case 'briefs':
    case 'letters': {
      const labelled = rng.chance(0.8)
      if (labelled) b.add('banner', kind === 'letters' ? rng.pick(['读者来信', '来信', '建议', '读者之声']) : rng.pick(['简讯', '八方速递', '各地传真', '综合消息']), a)
      const items = rng.int(2, 4)
      for (let k = 0; k < items; k++, a++) {
        b.add('title', title(rng, scene, style, false), a)
        if (kind === 'briefs') {
          body(rng, b, scene, rng.int(1, 2), a, { lead: rng.chance(0.6) ? dateline(rng, e, rng.chance(0.5)) : '' })
        } else {
          const signature = rng.chance(0.5) ? `${rng.pick(PROVINCES)}${placeStem(rng)}市  ${printedName(rng)}` : `（${rng.pick(PROVINCES)} ${personName(rng)}）`
          if (rng.chance(0.5)) b.add('byline', signature, a)
          body(rng, b, scene, rng.int(1, 3), a, {})
          if (!b.lines.some((l) => l.article === a && l.role === 'byline')) b.add('byline', signature, a)
        }
      }
      return a
    }
    case 'poem': {
      b.add('title', title(rng, scene, style, false), a)
      b.add('byline', byline(rng, style, 0), a)
      const n = rng.int(4, 10)
      for (let k = 0; k < n; k++) b.add('body', rng.pick(scene.topic.slogans) + rng.pick(['', '的', '里']) + rng.pick(GENERIC.idioms), a)
      return a + 1
    }
    case 'photo': {
      b.add('title', rng.pick(['图片报道', '视觉', '光影']) + (rng.chance(0.5) ? '' : `·${rng.pick(scene.topic.slogans)}`), a)
      photos(rng, b, scene, style, a)
      return a + 1
    }
    default: {
      if (kind === 'feature' && rng.chance(0.5)) {
        b.add('banner', style.labels[0], a)
        if (rng.chance(0.6)) b.add('banner', style.labels[1], a)
      }
      if (rng.chance(kind === 'feature' ? 0.4 : 0.2)) {
        const r = rng.next()
        // a couplet, a slogan, or a sentence-like lead-in ending on a dash (`…增长百分之六十八——`)
        b.add('kicker', r < 0.4 ? `${rng.pick(GENERIC.idioms)} ${rng.pick(GENERIC.idioms)}` : r < 0.7 ? rng.pick(GENERIC.idioms) + rng.pick(['谋发展', '惠民生']) : `${scene.district}${rng.pick(scene.topic.results)}——`.slice(-28), a)
      }
      b.add('title', title(rng, scene, style, kind !== 'news'), a)
      if (rng.chance(kind === 'feature' ? 0.5 : 0.15)) b.add('subtitle', `——${scene.community}${rng.pick(scene.topic.results)}`.slice(0, 26), a)
      const news = kind === 'news' && rng.chance(style.dateline)
      const s = src()
      if (!news) b.add('byline', byline(rng, style), a)
      if (s && style.sourceAt === 0) b.add('furniture', s, a)
      if (style.ownLine && style.ownLineAt === 0) b.add('furniture', style.ownLine.replace('#', String(pageNo)), a)
      if (kind !== 'comment' && rng.chance(0.35)) photos(rng, b, scene, style, a)
      // a chart's source note before or after the text
      else if (rng.chance(0.08)) b.add('caption', `${rng.pick(['数据来源', '资料来源', '来源'])}：${rng.pick([scene.district + '统计局', '国家统计局', paperName(rng) + '调查'])}`, a)
      if (kind === 'comment' && rng.chance(0.4)) b.add('body', rng.pick(scene.topic.plans) + '，' + rng.pick(scene.topic.results), a)
      body(rng, b, scene, kind === 'feature' ? rng.int(5, 10) : rng.int(2, 6), a, { lead: news ? dateline(rng, e, true) : '', subheads: kind === 'feature' })
      if (kind !== 'news' && rng.chance(0.4)) b.add('byline', authorNote(rng, scene), a)
      if (kind === 'feature' && rng.chance(0.15)) b.add('byline', `（${rng.pick(['摘编自', '来源：'])}《${paperName(rng)}》）`, a)
      if (kind === 'news' && !news && rng.chance(0.2)) b.add('credit', `（${rng.pick(['记者', '通讯员'])}${personName(rng)}）`, a)
      tail(a, s)
      return a + 1
    }
  }
}

/** Cuts paragraphs where a column ends: anywhere from a dozen characters in, never by a sentence end. */
function columnBreaks(rng: Rng, lines: LabelledLine[]): LabelledLine[] {
  const out: LabelledLine[] = []
  for (const l of lines) {
    if (l.role !== 'body' || l.text.length < 40 || !rng.chance(0.35)) {
      out.push(l)
      continue
    }
    let at = -1
    for (let tries = 0; tries < 12 && at < 0; tries++) {
      // mostly well into the paragraph, sometimes a few characters in (`据统` + `计，…`)
      const k = rng.chance(0.2) ? rng.int(2, 9) : rng.int(10, l.text.length - 6)
      if (/[\u4e00-\u9fff]/.test(l.text[k - 1]!) && !/[。！？]/.test(l.text[k - 1]!) && !/[。！？，、；：”]/.test(l.text[k]!)) at = k
    }
    if (at < 0) {
      out.push(l)
      continue
    }
    out.push({ ...l, text: l.text.slice(0, at) }, { ...l, text: l.text.slice(at), continuation: true })
  }
  return out
}

const KINDS: Kind[] = ['news', 'comment', 'feature', 'briefs', 'letters', 'poem', 'photo']

export function layoutPage(seed: number, e: LayoutEdition, pageNo: number): LayoutPage {
  const rng = mulberry32(deriveSeed(seed, 0x1a71, e.year * 400 + e.month * 31 + e.day, pageNo))
  const style = e.style
  const lines: LabelledLine[] = []
  const b: Builder = { lines, add: (role, text, article) => lines.push({ text, role, article }) }
  const section = e.sections[(pageNo - 1) % e.sections.length]!
  const label = style.pageLabel === 0 ? `${pad(pageNo)}版：${section}` : style.pageLabel === 1 ? `第${pad(pageNo)}版  ${section}` : `${style.paper}  ${e.year}年${e.month}月${e.day}日  ${section}`
  b.add('furniture', label, -1)
  let a = 0
  const n = rng.int(2, 6)
  for (let k = 0; k < n; k++) a = articleOf(rng, b, rng.pick(KINDS.slice(0, k === 0 ? 3 : KINDS.length)), e, pageNo, a)
  if (style.ownLine && style.ownLineAt === 1) b.add('furniture', style.ownLine.replace('#', String(pageNo)), -1)
  if (rng.chance(0.8)) b.add('furniture', `本版责编：${personName(rng)}  ${personName(rng)}`, -1)
  if (rng.chance(0.5)) b.add('furniture', `版式设计：${personName(rng)}`, -1)
  if (rng.chance(0.3)) b.add('furniture', `来稿邮箱：${rng.pick(['pinglun', 'duzhe', 'wenhua'])}@${style.paper.length > 3 ? 'paper' : 'daily'}.cn`, -1)
  const broken = columnBreaks(rng, lines)
  const shown = broken.map((l) => {
    let text = style.halfWidth && l.role !== 'furniture' ? toHalfWidth(rng, l.text) : l.text
    if (style.indent && l.role === 'body' && !l.continuation) text = style.indent + text
    return { ...l, text }
  })
  return { text: shown.map((l) => l.text).join('\n\n') + '\n', lines: shown }
}

/** An edition of `pages` pages of one paper. */
export function layoutEditionPages(seed: number, index: number, pages: number): LayoutPage[] {
  const e = layoutEdition(seed, index)
  const out: LayoutPage[] = []
  for (let p = 1; p <= pages; p++) out.push(layoutPage(seed, e, p))
  return out
}
