// One page of an edition: its articles and furniture, then the damage of extraction.
import type { Rng } from './prng'
import { deriveSeed, mulberry32 } from './prng'
import type { ArticleInfo, Block } from './blocks'
import type { ArticleSpec } from './articles'
import { article, banner } from './articles'
import type { Assembled, PageStyle } from './damage'
import { assemble, columnBreaks, toHalfWidth } from './damage'
import type { ArchiveContext, EditionContext } from './edition'
import { credits, currentPageLine, navigation, pageNumberLine, runningHead, tipBox } from './furniture'
import { placeStem } from './names'
import type { Scene } from './sentences'
import type { Topic } from './topics'
import { TOPICS } from './topics'

/** Page size bounds in UTF-8 bytes; a page outside them is generated again. */
export const MIN_PAGE_BYTES = 5 * 1024
export const MAX_PAGE_BYTES = 15_000

export interface PageTruth {
  /** Titles of the page's articles in reading order, as printed. */
  titles: string[]
  /** Offsets are UTF-16 indices into the page text; text[offset] === wrong. */
  injectedTypos: { offset: number; wrong: string; right: string }[]
  articles: ArticleInfo[]
  halfWidth: boolean
  columnBreaks: { from: number; to: number }[]
  strayOffsets: number[]
  indentedParagraphs: number
  trailingSpaceLines: number
  nbspRuns: number
  duplicate: { offset: number; length: number; sourceOffset: number } | null
  nameVariants: { offset: number; printed: string; canonical: string }[]
  /** Furniture blocks as printed. */
  furniture: string[]
  /** The page as an editor would leave it: full-width, joined, no stray space, no typo or duplicate. */
  cleanText: string
}

function pageStyle(rng: Rng): PageStyle {
  const indents = ['\u3000\u3000', '  ', '    ', '\u00a0\u00a0', '\u3000', ' \u3000']
  return {
    halfWidth: rng.chance(0.5),
    column: rng.chance(0.85) ? rng.int(220, 480) : 0,
    indent: rng.chance(0.45) ? rng.pick(indents) : '',
    trailing: rng.chance(0.5) ? 0.12 : 0,
    stray: rng.chance(0.5) ? 1 / rng.int(500, 1200) : 0,
    nbsp: rng.chance(0.3),
    leadingBlank: rng.pick(['', '', '\n', '\n\n']),
    finalNewline: rng.chance(0.5)
  }
}

function scene(rng: Rng, archive: ArchiveContext, edition: EditionContext, topic: Topic): Scene {
  return {
    topic,
    district: rng.pick(archive.districts),
    street: placeStem(rng) + (rng.chance(0.7) ? '街道' : '镇'),
    community: placeStem(rng) + (rng.chance(0.75) ? '社区' : '村'),
    venue: placeStem(rng) + rng.pick(['广场', '公园', '体育中心', '文化中心', '小学', '产业园', '会展中心']),
    year: edition.info.year,
    month: edition.info.month,
    day: edition.info.day,
    recent: [],
    lastTemplate: -1
  }
}

interface Composed {
  blocks: Block[]
  articles: ArticleInfo[]
}

function compose(rng: Rng, archive: ArchiveContext, edition: EditionContext, pageNo: number, style: PageStyle): Composed {
  const pp = String(pageNo).padStart(2, '0')
  const section = edition.sections[pageNo - 1] ?? '要闻'
  const pageTopic = edition.pageTopics[pageNo - 1] ?? null
  const e = edition.info
  const target = rng.int(5800, 13600)
  // Three bytes a character for Han text; headings, bylines and furniture take the rest.
  const bodyChars = Math.floor((target / 3) * 0.86)
  const k = Math.max(2, Math.min(6, Math.round(target / 2600) + rng.int(-1, 1)))

  const specs: ArticleSpec[] = []
  const weights: number[] = []
  const continued = rng.chance(0.06)
  const bannerItems = k >= 3 && rng.chance(0.3) ? Math.min(k - 1, rng.int(2, 3)) : 0
  for (let i = 0; i < k; i++) {
    const item = i >= k - bannerItems
    const kind: ArticleSpec['kind'] =
      i === 0 && continued ? 'continued' : item ? 'item' : i === 0 && rng.chance(0.3) ? 'feature' : 'news'
    specs.push({ kind, budget: 0, truncate: false, pageNo })
    weights.push(kind === 'item' ? 0.45 : kind === 'feature' ? 1.8 : i === 0 ? 1.4 : 1)
  }
  const wsum = weights.reduce((a, b) => a + b, 0)
  specs.forEach((s, i) => (s.budget = Math.max(90, Math.floor((bodyChars * (weights[i] ?? 1)) / wsum))))
  if (rng.chance(0.12)) {
    const candidates = specs.map((s, i) => (s.kind === 'news' || s.kind === 'feature' ? i : -1)).filter((i) => i >= 0)
    if (candidates.length > 0) (specs[rng.pick(candidates)] as ArticleSpec).truncate = true
  }

  const blocks: Block[] = []
  const furniture = (text: string): void => {
    blocks.push({ kind: 'furniture', text, article: -1 })
  }
  const top: string[] = []
  if (rng.chance(0.85)) top.push(runningHead(rng, e, pp, section, style.nbsp))
  if (rng.chance(0.5)) top.push(currentPageLine(rng, e, pp))
  if (rng.chance(0.5)) top.reverse()
  const creditsAtTop = rng.chance(0.2)
  if (creditsAtTop) top.push(credits(rng, e, style.nbsp))
  top.forEach(furniture)

  const articles: ArticleInfo[] = []
  let bannerSeen = false
  specs.forEach((spec, i) => {
    const topic = pageTopic && rng.chance(0.8) ? pageTopic : rng.pick(TOPICS)
    const sc = scene(rng, archive, edition, topic)
    if (spec.kind === 'item' && !bannerSeen) {
      spec.bannerText = banner(rng, sc)
      blocks.push({ kind: 'banner', text: spec.bannerText, article: i })
      bannerSeen = true
    } else if (spec.kind === 'item') {
      spec.bannerText = (specs[i - 1] as ArticleSpec).bannerText as string
    }
    const a = article(rng, sc, edition.staff, spec, i)
    const cap = a.blocks.findIndex((b) => b.kind === 'caption')
    const bodies = a.blocks.filter((b) => b.kind === 'body').length
    // A caption the layout dropped inside the story it illustrates.
    if (cap >= 0 && bodies > 2 && rng.chance(0.2)) {
      const [c] = a.blocks.splice(cap, 1) as [Block]
      let lastBody = -1
      a.blocks.forEach((b, j) => (lastBody = b.kind === 'body' ? j : lastBody))
      a.blocks.splice(lastBody, 0, c)
    }
    blocks.push(...a.blocks)
    articles.push(a.info)
    // A tip-line box left between two stories.
    if (i === 0 && k > 2 && rng.chance(0.08)) furniture(tipBox(rng, e))
  })

  const bottom: string[][] = []
  if (rng.chance(0.3)) {
    const titles = articles.map((a) => a.title).filter((t): t is string => t !== null)
    bottom.push(navigation(rng, e, pp, section, titles))
  }
  if (rng.chance(0.25)) bottom.push([tipBox(rng, e)])
  if (!creditsAtTop && rng.chance(0.6)) bottom.push([credits(rng, e, style.nbsp)])
  if (rng.chance(0.2)) bottom.push([pageNumberLine(rng, pageNo)])
  if (rng.chance(0.5)) bottom.reverse()
  bottom.flat().forEach(furniture)
  return { blocks, articles }
}

/** A repeat of a paragraph, or of its first half, at the end of the page. */
function addDuplicate(rng: Rng, blocks: Block[]): void {
  const sources = blocks.filter((b) => b.kind === 'body' && b.text.length >= 60)
  if (sources.length === 0) return
  const src = rng.pick(sources)
  let text = src.text
  if (rng.chance(0.8)) {
    let at = Math.floor(text.length * (0.35 + rng.next() * 0.3))
    while (at < text.length - 1 && !/[\u4e00-\u9fff]/.test(text[at - 1] as string)) at++
    text = text.slice(0, at)
  }
  const dup: Block = { kind: 'body', text, article: -2, duplicateOf: src }
  const last = blocks[blocks.length - 1]
  if (last?.kind === 'furniture' && rng.chance(0.4)) blocks.splice(blocks.length - 1, 0, dup)
  else blocks.push(dup)
}

export interface GeneratedPage {
  text: string
  truth: PageTruth
}

export function generatePage(archive: ArchiveContext, edition: EditionContext, pageIndex: number, pageNo: number): GeneratedPage {
  const rng = mulberry32(deriveSeed(archive.seed, 0x9a6e, pageIndex))
  for (;;) {
    const style = pageStyle(rng)
    const { blocks, articles } = compose(rng, archive, edition, pageNo, style)
    const clean = blocks.map((b) => b.text)
    const furnitureTexts = blocks.filter((b) => b.kind === 'furniture').map((b) => b.text)
    if (style.halfWidth) for (const b of blocks) if (b.kind !== 'furniture') b.text = toHalfWidth(rng, b.text)
    const hasDuplicate = rng.chance(0.08)
    if (hasDuplicate) addDuplicate(rng, blocks)
    const split = columnBreaks(blocks, style.column)
    const out: Assembled = assemble(rng, split, clean, style)
    const bytes = Buffer.byteLength(out.text, 'utf8')
    if (bytes < MIN_PAGE_BYTES || bytes > MAX_PAGE_BYTES) continue
    return {
      text: out.text,
      truth: {
        titles: articles.map((a) => a.title).filter((t): t is string => t !== null),
        injectedTypos: out.typos,
        articles,
        halfWidth: style.halfWidth,
        columnBreaks: out.columnBreaks,
        strayOffsets: out.strays,
        indentedParagraphs: out.indented,
        trailingSpaceLines: out.trailing,
        nbspRuns: out.nbspRuns,
        duplicate: out.duplicate,
        nameVariants: out.nameVariants,
        furniture: furnitureTexts,
        cleanText: out.clean
      }
    }
  }
}
