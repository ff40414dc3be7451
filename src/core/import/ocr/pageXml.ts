import { boxOfPoints, coordinate, union } from './boxes'
import type { Box, OcrBlock, OcrLine, OcrPage, OcrWord } from './types'
import { child, descendants, OcrFormatError, type XNode } from './xmlTree'

// PAGE XML (PRImA; 2010 to 2019 schemas): PcGts/Page/TextRegion/TextLine/Word with Coords and
// TextEquiv/Unicode. Reading order from Page/ReadingOrder (RegionRefIndexed by index,
// RegionRef in document order), regions it does not name follow in file order.

/** Region types outside the running text: candidates for page furniture. */
const MARGIN_TYPES = new Set(['header', 'footer', 'page-number', 'marginalia', 'catch-word', 'signature-mark'])

export function readPageXml(root: XNode): OcrPage {
  const version = /pagecontent\/(\d{4}-\d{2}-\d{2})/.exec(root.ns)?.[1]
  const page = child(root, 'Page')
  if (!page) throw new OcrFormatError('PAGE file without a Page element')
  const regions = descendants(page, 'TextRegion')
  const rank = readingOrder(page)
  const blocks = regions
    .map((r, i) => ({ r, key: r.attrs.id !== undefined && rank.has(r.attrs.id) ? rank.get(r.attrs.id)! : rank.size + i }))
    .sort((a, b) => a.key - b.key)
    .map(({ r }) => readRegion(r))
    .filter((b) => b.lines.length > 0)
  const all = union(blocks.map((b) => b.box))
  const width = page.attrs.imageWidth !== undefined ? coordinate(page.attrs.imageWidth, 'PAGE imageWidth') : 0
  const height = page.attrs.imageHeight !== undefined ? coordinate(page.attrs.imageHeight, 'PAGE imageHeight') : 0
  return {
    format: 'page',
    version: version ? `PAGE ${version}` : 'PAGE',
    imageName: page.attrs.imageFilename?.trim() || null,
    width: width || (all ? all[0] + all[2] : 0),
    height: height || (all ? all[1] + all[3] : 0),
    blocks
  }
}

function readingOrder(page: XNode): Map<string, number> {
  const rank = new Map<string, number>()
  const order = child(page, 'ReadingOrder')
  if (!order) return rank
  const walk = (group: XNode): void => {
    const refs = group.children.filter((c) => /^(RegionRefIndexed|OrderedGroupIndexed|UnorderedGroupIndexed|RegionRef|OrderedGroup|UnorderedGroup)$/.test(c.name))
    const indexed = refs.every((c) => c.attrs.index !== undefined)
    const sorted = indexed ? [...refs].sort((a, b) => Number(a.attrs.index) - Number(b.attrs.index)) : refs
    for (const ref of sorted) {
      if (ref.name.startsWith('RegionRef')) {
        const id = ref.attrs.regionRef
        if (id && !rank.has(id)) rank.set(id, rank.size)
      } else {
        // a group may itself be a region (its regionRef) with further regions inside
        const id = ref.attrs.regionRef
        if (id && !rank.has(id)) rank.set(id, rank.size)
        walk(ref)
      }
    }
  }
  for (const group of order.children) walk({ ...group, children: [group] })
  return rank
}

function coords(node: XNode, what: string): Box | null {
  const c = child(node, 'Coords')
  if (!c) return null
  if (c.attrs.points !== undefined) return boxOfPoints(c.attrs.points, `PAGE ${what} Coords`)
  // the 2010 schema: <Point x= y=/> children
  const points = c.children.filter((p) => p.name === 'Point').map((p) => `${p.attrs.x},${p.attrs.y}`)
  return points.length > 0 ? boxOfPoints(points.join(' '), `PAGE ${what} Coords`) : null
}

/** The first TextEquiv's Unicode (or the one with the lowest index), undefined when there is none. */
function textEquiv(node: XNode): string | undefined {
  const equivs = node.children.filter((c) => c.name === 'TextEquiv')
  if (equivs.length === 0) return undefined
  const best = equivs.reduce((a, b) => (Number(b.attrs.index ?? 0) < Number(a.attrs.index ?? 0) ? b : a))
  return child(best, 'Unicode')?.text
}

function readRegion(region: XNode): OcrBlock {
  const id = region.attrs.id ?? 'TextRegion'
  const lines: OcrLine[] = region.children.filter((c) => c.name === 'TextLine').map((l) => readLine(l))
  const box = coords(region, id)
  const type = region.attrs.type
  const block: OcrBlock = { box: box ?? union(lines.map((l) => l.box)), area: type && MARGIN_TYPES.has(type) ? 'margin' : 'text', ...(type ? { role: type } : {}), lines }
  if (lines.length === 0) {
    // a region with its text only at region level: one line per text line, all with the region's box
    const text = textEquiv(region)
    if (text) block.lines = text.split(/\r?\n/).filter((t) => t.trim() !== '').map((t) => ({ box, words: [{ text: t, box: null }], text: t }))
  }
  return block
}

function readLine(line: XNode): OcrLine {
  const id = line.attrs.id ?? 'TextLine'
  const words: OcrWord[] = line.children
    .filter((c) => c.name === 'Word')
    .map((w) => ({ text: textEquiv(w) ?? w.children.filter((g) => g.name === 'Glyph').map((g) => textEquiv(g) ?? '').join(''), box: coords(w, w.attrs.id ?? 'Word') }))
  const text = textEquiv(line)
  const box = coords(line, id) ?? union(words.map((w) => w.box))
  return text !== undefined ? { box, words, text } : { box, words }
}
