import { editionLine } from '../labels'
import type { GeometryBox } from '../../../shared/geometry'
import { VERSION } from '../../version'
import { articleBlocks, type BlockRole } from '../pageBlocks'
import { ScanPlacer } from '../scanPlace'
import type { ExportEdition, ExportPage } from '../types'
import type { PageScan } from './alto'
import { element } from './xml'

// PAGE XML 2019-07-15 (PRImA), one file a page: a TextRegion a block (heading, credit for a
// byline, paragraph, caption), grouped by article in the ReadingOrder (an OrderedGroupIndexed of
// type "article" each). With imported geometry the regions and lines keep their polygons on
// the scan; PAGE requires coordinates, so a page without them gets empty (zero-size) ones and
// imageWidth/imageHeight 0 — text-only, as ALTO without coordinates. Valid against
// pagecontent-2019-07-15.xsd (test/fixtures/schemas).

export const PAGE_NAMESPACE = 'http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15'

const REGION_TYPE: Record<BlockRole, string> = {
  kicker: 'heading',
  title: 'heading',
  subtitle: 'heading',
  subhead: 'heading',
  byline: 'credit',
  paragraph: 'paragraph',
  caption: 'caption'
}

const NO_COORDS = '0,0 0,0'

function points(box: GeometryBox | null): string {
  if (!box) return NO_COORDS
  const [x, y, w, h] = box.map((v) => Math.max(0, Math.round(v))) as [number, number, number, number]
  return `${x},${y} ${x + w},${y} ${x + w},${y + h} ${x},${y + h}`
}

export function renderPagePageXml(page: ExportPage, edition: ExportEdition, scan: PageScan | null): string {
  const geometry = scan?.geometry ?? null
  const placer = geometry && scan ? new ScanPlacer(scan.originalText, geometry) : null
  const changed = new Date(scan?.changedAt ?? 0)
  const stamp = (Number.isNaN(changed.getTime()) ? new Date(0) : changed).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<PcGts xmlns="${PAGE_NAMESPACE}" pcGtsId="galley_page_${page.id}">`, '  <Metadata>']
  out.push(`    ${element('Creator', {}, `Galley ${VERSION}`)}`, `    ${element('Created', {}, stamp)}`, `    ${element('LastChange', {}, stamp)}`)
  out.push(`    ${element('Comments', {}, `${editionLine(edition)}, page ${page.label}: approved articles after correction${geometry ? '' : '; text only, no coordinates'}`)}`)
  out.push('  </Metadata>')
  const imageName = scan?.imageName ?? geometry?.imageName ?? ''
  const width = geometry && (geometry.unit ?? 'pixel') === 'pixel' ? Math.round(geometry.width) : 0
  const height = geometry && (geometry.unit ?? 'pixel') === 'pixel' ? Math.round(geometry.height) : 0
  out.push(`  <Page${attrs({ imageFilename: imageName, imageWidth: width, imageHeight: height, type: 'content', primaryLanguage: 'Chinese', primaryScript: 'Hans - Han (Simplified variant)' })}>`)
  const groups: string[] = []
  const regions: string[] = []
  let regionNo = 0
  page.articles.forEach((article, index) => {
    const blocks = articleBlocks(article)
    if (blocks.length === 0) return
    const refs: string[] = []
    for (const block of blocks) {
      const id = `r${++regionNo}`
      // PAGE's coordinates are pixels: other units have no place here
      const placed = placer && width > 0 ? placer.place(block.text) : null
      refs.push(`        ${element('RegionRefIndexed', { index: refs.length, regionRef: id })}`)
      regions.push(`  <TextRegion${attrs({ id, type: REGION_TYPE[block.role], custom: `structure {type:${block.role};}` })}>`)
      regions.push(`    ${element('Coords', { points: points(placed?.box ?? null) })}`)
      const lines = placed && placed.lines.length > 0 ? placed.lines : [{ text: block.text, box: null }]
      lines.forEach((line, k) => {
        regions.push(`    <TextLine id="${id}_l${k + 1}">`, `      ${element('Coords', { points: points(line.box) })}`, `      <TextEquiv><Unicode>${escape(line.text)}</Unicode></TextEquiv>`, '    </TextLine>')
      })
      regions.push(`    <TextEquiv><Unicode>${escape(block.text)}</Unicode></TextEquiv>`, '  </TextRegion>')
    }
    const caption = article.title || article.kind
    groups.push(
      `      <OrderedGroupIndexed${attrs({ id: `g${article.id}`, index, caption, type: 'article', custom: article.approved ? null : 'approval {status:unapproved;}' })}>`,
      ...refs,
      '      </OrderedGroupIndexed>'
    )
  })
  if (groups.length > 0) out.push('  <ReadingOrder>', '    <OrderedGroup id="reading_order">', ...groups.map((g) => `  ${g}`), '    </OrderedGroup>', '  </ReadingOrder>')
  out.push(...regions.map((r) => `  ${r}`), '  </Page>', '</PcGts>', '')
  return out.join('\n')
}

function attrs(values: Record<string, string | number | null>): string {
  return element('x', values).slice(2, -2)
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
