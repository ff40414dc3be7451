import { coordinate, union } from './boxes'
import type { Box, OcrBlock, OcrLine, OcrPage } from './types'
import { child, descendants, OcrFormatError, type XNode } from './xmlTree'

// ALTO v1–v4 (Library of Congress): Layout/Page/{TopMargin,LeftMargin,RightMargin,BottomMargin,
// PrintSpace}/…/TextBlock/TextLine/{String,SP,HYP}. Reading order is the order of the blocks in
// the file, or the ReadingOrder of ALTO 4.3 when the file has one.

export function readAlto(root: XNode): OcrPage {
  const version = /ns-v(\d)/.exec(root.ns)?.[1]
  const layout = child(root, 'Layout')
  if (!layout) throw new OcrFormatError('ALTO file without a Layout element')
  const pages = layout.children.filter((c) => c.name === 'Page')
  if (pages.length === 0) throw new OcrFormatError('ALTO file without a Page')
  if (pages.length > 1) throw new OcrFormatError(`ALTO file with ${pages.length} pages (Galley takes one page a file)`)
  const page = pages[0]!
  const description = child(root, 'Description')
  const source = description ? child(description, 'sourceImageInformation') : undefined
  const fileName = source ? child(source, 'fileName')?.text.trim() : undefined
  const unit = description ? child(description, 'MeasurementUnit')?.text.trim() : undefined
  if (unit !== undefined && unit !== 'pixel' && unit !== 'mm10' && unit !== 'inch1200') throw new OcrFormatError(`ALTO MeasurementUnit ${unit.slice(0, 20)} is not pixel, mm10 or inch1200`)
  const blocks: { id: string | undefined; block: OcrBlock }[] = []
  for (const space of page.children) {
    if (!/^(PrintSpace|TopMargin|BottomMargin|LeftMargin|RightMargin)$/.test(space.name)) continue
    const area = space.name === 'PrintSpace' ? 'text' : 'margin'
    for (const tb of descendants(space, 'TextBlock')) blocks.push({ id: tb.attrs.ID, block: readBlock(tb, area) })
  }
  const width = page.attrs.WIDTH !== undefined ? coordinate(page.attrs.WIDTH, 'ALTO Page WIDTH') : 0
  const height = page.attrs.HEIGHT !== undefined ? coordinate(page.attrs.HEIGHT, 'ALTO Page HEIGHT') : 0
  const all = union(blocks.map((b) => b.block.box))
  return {
    format: 'alto',
    version: version ? `ALTO v${version}` : 'ALTO',
    imageName: fileName || null,
    width: width || (all ? all[0] + all[2] : 0),
    height: height || (all ? all[1] + all[3] : 0),
    ...(unit && unit !== 'pixel' ? { unit } : {}),
    blocks: ordered(root, blocks)
  }
}

function readBlock(tb: XNode, area: 'text' | 'margin'): OcrBlock {
  const lines: OcrLine[] = tb.children.filter((c) => c.name === 'TextLine').map(readLine)
  return { box: boxOf(tb, 'TextBlock') ?? union(lines.map((l) => l.box)), area, lines }
}

function readLine(tl: XNode): OcrLine {
  const words: OcrLine['words'] = []
  for (const c of tl.children) {
    if (c.name === 'String') words.push({ text: c.attrs.CONTENT ?? '', box: boxOf(c, 'String') })
    else if (c.name === 'SP') words.push({ text: ' ', box: null })
    else if (c.name === 'HYP') words.push({ text: c.attrs.CONTENT ?? '-', box: null })
  }
  return { box: boxOf(tl, 'TextLine') ?? union(words.map((w) => w.box)), words }
}

function boxOf(node: XNode, what: string): Box | null {
  const { HPOS, VPOS, WIDTH, HEIGHT } = node.attrs
  if (HPOS === undefined || VPOS === undefined || WIDTH === undefined || HEIGHT === undefined) return null
  const id = node.attrs.ID ? ` ${node.attrs.ID}` : ''
  return [coordinate(HPOS, `ALTO ${what}${id} HPOS`), coordinate(VPOS, `ALTO ${what}${id} VPOS`), coordinate(WIDTH, `ALTO ${what}${id} WIDTH`), coordinate(HEIGHT, `ALTO ${what}${id} HEIGHT`)]
}

/** Blocks named by ALTO 4.3's ReadingOrder come first in its order; the rest follow as in the file. */
function ordered(root: XNode, blocks: { id: string | undefined; block: OcrBlock }[]): OcrBlock[] {
  const order = child(root, 'ReadingOrder')
  if (!order) return blocks.map((b) => b.block)
  const rank = new Map<string, number>()
  for (const ref of descendants(order, 'ElementRef')) {
    for (const id of (ref.attrs.REF ?? '').split(/\s+/)) if (id && !rank.has(id)) rank.set(id, rank.size)
  }
  return blocks
    .map((b, i) => ({ b, key: b.id !== undefined && rank.has(b.id) ? rank.get(b.id)! : rank.size + i }))
    .sort((p, q) => p.key - q.key)
    .map((p) => p.b.block)
}
