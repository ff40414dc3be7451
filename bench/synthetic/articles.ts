// Article shapes found on a city-paper page: news stories, long features with subheads,
// short items under a section banner, and the tail of a story continued from another page.
import type { Rng } from './prng'
import type { ArticleInfo, Block, PrintedName } from './blocks'
import type { Scene } from './sentences'
import { paragraph } from './sentences'
import { GENERIC } from './topics'

/** Reporters and correspondents of one edition, and the misspelt names it carries. */
export interface Staff {
  reporters: string[]
  correspondents: string[]
  photographers: string[]
  /** canonical → look-alike spelling some pages of this edition print. */
  variants: Map<string, string>
}

export interface ArticleOut {
  blocks: Block[]
  info: ArticleInfo
}

function printName(rng: Rng, staff: Staff, name: string): PrintedName {
  const v = staff.variants.get(name)
  return v !== undefined && rng.chance(0.5) ? { printed: v, canonical: name } : { printed: name, canonical: name }
}

function reporters(rng: Rng, staff: Staff): PrintedName[] {
  const a = rng.pick(staff.reporters)
  const names = [printName(rng, staff, a)]
  if (rng.chance(0.3)) {
    const b = rng.pick(staff.reporters)
    if (b !== a) names.push(printName(rng, staff, b))
  }
  return names
}

interface Byline {
  text: string
  names: PrintedName[]
}

/** 本报讯（记者 …）, opening the first paragraph. */
function newsflash(rng: Rng, staff: Staff): Byline {
  const r = rng.next()
  if (r < 0.12) {
    const c = rng.pick(staff.correspondents)
    return { text: `本报讯（通讯员 ${c}）`, names: [] }
  }
  const names = reporters(rng, staff)
  let inner = `记者 ${names.map((n) => n.printed).join(' ')}`
  if (r > 0.8) inner += ` 通讯员 ${rng.pick(staff.correspondents)}`
  return { text: `本报讯（${inner}）`, names }
}

/** 本报记者 …, a line of its own. */
function bylineLine(rng: Rng, staff: Staff): Byline {
  if (rng.chance(0.1)) return { text: `通讯员 ${rng.pick(staff.correspondents)}`, names: [] }
  const names = reporters(rng, staff)
  let text = `本报记者 ${names.map((n) => n.printed).join(' ')}`
  if (rng.chance(0.25)) text += ` 通讯员 ${rng.pick(staff.correspondents)}`
  return { text, names }
}

const TITLE_TAILS = ['进行时', '暖人心', '有新招', '见成效', '显身手', '再升级', '正当时']
const KICKER_TAILS = ['谋发展', '促振兴', '惠民生', '强基础', '开新局', '见实效', '增福祉']
const SUBHEAD_TAILS = ['暖民心', '见实效', '有温度', '添活力', '促发展', '开新局', '更贴心', '解难题']

function placeShort(rng: Rng, scene: Scene): string {
  const r = rng.next()
  return r < 0.4 ? scene.street : r < 0.7 ? scene.district : scene.community
}

/** A headline: 4–25 characters, no sentence-final punctuation. */
export function title(rng: Rng, scene: Scene): string {
  const t = scene.topic
  for (;;) {
    let s: string
    switch (rng.int(0, 5)) {
      case 0:
      case 1:
        s = placeShort(rng, scene) + rng.pick(t.acts)
        break
      case 2: {
        const a = rng.pick(t.slogans)
        const b = rng.pick(t.slogans)
        s = a === b ? a + rng.pick(TITLE_TAILS) : `${a} ${b}`
        break
      }
      case 3:
        s = rng.pick(t.acts).replace(/^(开展|组织|举办)/, '')
        break
      case 4:
        s = `${placeShort(rng, scene)}“${rng.pick(t.slogans)}”${rng.pick(TITLE_TAILS)}`
        break
      default:
        s = rng.pick(t.slogans) + rng.pick(TITLE_TAILS)
    }
    if (s.length >= 4 && s.length <= 25) return s
  }
}

function kicker(rng: Rng): string {
  return rng.chance(0.5)
    ? rng.pick(GENERIC.idioms) + rng.pick(KICKER_TAILS)
    : `${rng.pick(GENERIC.idioms)} ${rng.pick(GENERIC.idioms)}`
}

function subtitle(rng: Rng, scene: Scene): string {
  for (;;) {
    const s = rng.chance(0.6)
      ? `——${placeShort(rng, scene)}${rng.pick(scene.topic.results)}`
      : `——${placeShort(rng, scene)}${rng.pick(scene.topic.acts)}${rng.pick(['侧记', '见闻', '纪实'])}`
    if (s.length <= 24) return s
  }
}

function subhead(rng: Rng, scene: Scene): string {
  return rng.chance(0.7)
    ? rng.pick(scene.topic.slogans) + rng.pick(SUBHEAD_TAILS)
    : rng.pick(scene.topic.acts).replace(/^(开展|组织|举办|推进)/, '')
}

export function banner(rng: Rng, scene: Scene): string {
  const a = rng.pick(scene.topic.slogans)
  const b = rng.pick(scene.topic.slogans)
  if (a !== b && a.length === 4 && b.length === 4 && rng.chance(0.6)) return `${a} ${b}`
  return scene.topic.section + rng.pick(['快讯', '简讯', '速递', '一线', '动态'])
}

function caption(rng: Rng, scene: Scene, staff: Staff): { text: string; names: PrintedName[] } {
  const c = rng.pick(scene.topic.captions)
  const r = rng.next()
  if (r < 0.4) {
    const n = printName(rng, staff, rng.pick(staff.photographers))
    const long = rng.chance(0.4) ? `${rng.pick(GENERIC.times)}，${scene.community}的` : ''
    return { text: `${long}${c}。 本报记者 ${n.printed} 摄`, names: [n] }
  }
  if (r < 0.55) return { text: `${c}。 通讯员 ${rng.pick(staff.correspondents)} 摄`, names: [] }
  if (r < 0.7) return { text: `${c}。 资料图片`, names: [] }
  if (r < 0.78) return { text: `${c}（资料图片）`, names: [] }
  return { text: c, names: [] }
}

export interface ArticleSpec {
  kind: 'news' | 'feature' | 'item' | 'continued'
  /** Characters of body text to aim for. */
  budget: number
  /** Stop mid-sentence, the rest being on another page. */
  truncate: boolean
  pageNo: number
  bannerText?: string
}

function jumpPage(rng: Rng, pageNo: number): string {
  let p = rng.int(1, 8)
  if (p === pageNo) p = (p % 8) + 1
  return String(p).padStart(2, '0')
}

/** Cuts a paragraph inside a sentence: never right after sentence-final punctuation. */
function cutTail(rng: Rng, text: string): string {
  for (let tries = 0; tries < 20; tries++) {
    const at = rng.int(Math.floor(text.length * 0.35), Math.max(Math.floor(text.length * 0.35) + 1, text.length - 4))
    const cut = text.slice(0, at)
    if (!/[。！？”…，、；：（]$/.test(cut) && /[\u4e00-\u9fff]$/.test(cut)) return cut
  }
  return text.slice(0, Math.floor(text.length / 2)).replace(/[^\u4e00-\u9fff]+$/, '')
}

function cutHead(rng: Rng, text: string): string {
  for (let tries = 0; tries < 20; tries++) {
    const at = rng.int(3, Math.max(4, Math.floor(text.length * 0.6)))
    const rest = text.slice(at)
    if (/^[\u4e00-\u9fff]/.test(rest) && /[\u4e00-\u9fff]$/.test(text.slice(0, at))) return rest
  }
  return text.slice(Math.floor(text.length / 3)).replace(/^[^\u4e00-\u9fff]+/, '')
}

export function article(rng: Rng, scene: Scene, staff: Staff, spec: ArticleSpec, index: number): ArticleOut {
  const blocks: Block[] = []
  const info: ArticleInfo = {
    title: null,
    kicker: null,
    subtitle: null,
    banner: spec.bannerText ?? null,
    byline: null,
    paragraphs: 0,
    subheads: [],
    captions: [],
    truncated: spec.truncate ? 'end' : spec.kind === 'continued' ? 'start' : null
  }
  const add = (kind: Block['kind'], text: string, extra?: Partial<Block>): void => {
    blocks.push({ kind, text, article: index, ...extra })
  }

  let flash: Byline | null = null
  let bottomLine: Byline | null = null
  if (spec.kind === 'continued') {
    if (rng.chance(0.6)) add('jump', `（上接第${jumpPage(rng, spec.pageNo)}版）`)
  } else {
    if (spec.kind === 'item' && rng.chance(0.35)) {
      info.kicker = scene.community
      add('kicker', scene.community)
    } else if (spec.kind !== 'item' && rng.chance(spec.kind === 'feature' ? 0.35 : 0.2)) {
      info.kicker = kicker(rng)
      add('kicker', info.kicker)
    }
    info.title = title(rng, scene)
    add('title', info.title)
    if (spec.kind !== 'item' && rng.chance(spec.kind === 'feature' ? 0.6 : 0.15)) {
      info.subtitle = subtitle(rng, scene)
      add('subtitle', info.subtitle)
    }
    const style = spec.kind === 'item' ? (rng.chance(0.85) ? 0 : 2) : spec.kind === 'feature' ? (rng.chance(0.7) ? 1 : 2) : rng.weighted([60, 15, 15, 10])
    if (style === 0) flash = newsflash(rng, staff)
    else if (style === 1) {
      const b = bylineLine(rng, staff)
      add('byline', b.text, { names: b.names })
      info.byline = b.text
    } else if (style === 2) bottomLine = bylineLine(rng, staff)
  }

  let written = 0
  let sinceSubhead = 0
  const paras: string[] = []
  while (written < spec.budget || paras.length === 0) {
    const last = written + 150 >= spec.budget
    let p = paragraph(rng, scene, paras.length === 0 ? 'first' : last ? 'last' : 'middle')
    if (paras.length === 0 && spec.kind === 'continued') p = cutHead(rng, p)
    paras.push(p)
    written += p.length
  }
  if (spec.truncate) {
    const lastIdx = paras.length - 1
    paras[lastIdx] = cutTail(rng, paras[lastIdx] as string)
  }
  for (let i = 0; i < paras.length; i++) {
    const text = paras[i] as string
    if (spec.kind === 'feature' && i > 0 && sinceSubhead >= 2 && i < paras.length - 1 && rng.chance(0.45)) {
      const s = subhead(rng, scene)
      info.subheads.push(s)
      add('subhead', s)
      sinceSubhead = 0
    }
    sinceSubhead++
    if (i === 0 && flash) {
      add('body', flash.text + text, { protect: flash.text.length, names: flash.names })
      info.byline = flash.text
    } else add('body', text)
    info.paragraphs++
  }
  if (spec.truncate && rng.chance(0.5)) add('jump', `（下转第${jumpPage(rng, spec.pageNo)}版）`)
  if (bottomLine && !spec.truncate) {
    add('byline', bottomLine.text, { names: bottomLine.names })
    info.byline = bottomLine.text
  }
  if (rng.chance(spec.kind === 'feature' ? 0.5 : spec.kind === 'item' ? 0.15 : 0.3)) {
    const c = caption(rng, scene, staff)
    info.captions.push(c.text)
    add('caption', c.text, { names: c.names })
  }
  return { blocks, info }
}

