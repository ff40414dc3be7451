import { editionLine } from '../labels'
import type { PageGeometry } from '../../../shared/geometry'
import { VERSION } from '../../version'
import { articleBlocks } from '../pageBlocks'
import { ScanPlacer } from '../scanPlace'
import type { ExportEdition, ExportPage } from '../types'
import { element } from './xml'

// ALTO 4 (Library of Congress), one file a page: the page's exported articles, each a
// ComposedBlock (TYPE article, caption or fragment) of TextBlocks (title, byline, paragraphs…,
// named by a StructureTag). With the geometry of an imported OCR file every block and printed
// line keeps its box on the scan (one String a line, the editor's text); without it the file is
// text only (ALTO's coordinates are optional). Valid against alto-4-4.xsd (test/fixtures/schemas).

export const ALTO_NAMESPACE = 'http://www.loc.gov/standards/alto/ns-v4#'

export interface PageScan {
  originalText: string
  geometry: PageGeometry | null
  imageName: string | null
  /** When the page's text was last changed (ISO 8601): the date the files carry, so that they depend only on the data. */
  changedAt: string
}

export function renderPageAlto(page: ExportPage, edition: ExportEdition, scan: PageScan | null): string {
  const geometry = scan?.geometry ?? null
  const placer = geometry && scan ? new ScanPlacer(scan.originalText, geometry) : null
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<alto xmlns="${ALTO_NAMESPACE}" SCHEMAVERSION="4.4">`, '  <Description>']
  out.push(`    ${element('MeasurementUnit', {}, geometry?.unit ?? 'pixel')}`)
  const imageName = scan?.imageName ?? geometry?.imageName ?? null
  if (imageName) out.push('    <sourceImageInformation>', `      ${element('fileName', {}, imageName)}`, '    </sourceImageInformation>')
  out.push(
    '    <Processing ID="galley">',
    `      ${element('processingCategory', {}, 'contentModification')}`,
    `      ${element('processingStepDescription', {}, `${editionLine(edition)}, page ${page.label}: approved articles after correction`)}`,
    '      <processingSoftware>',
    `        ${element('softwareName', {}, 'Galley')}`,
    `        ${element('softwareVersion', {}, VERSION)}`,
    '      </processingSoftware>',
    '    </Processing>',
    '  </Description>'
  )
  const roles = new Set<string>()
  const body: string[] = []
  let blockNo = 0
  for (const article of page.articles) {
    const blocks = articleBlocks(article)
    if (blocks.length === 0) continue
    const inner: string[] = []
    const boxes: (readonly [number, number, number, number])[] = []
    for (const block of blocks) {
      roles.add(block.role)
      const id = `p${page.id}_b${++blockNo}`
      const placed = placer?.place(block.text)
      if (placed?.box) boxes.push(placed.box)
      const attrs = { ID: id, TAGREFS: `role_${block.role}`, ...box(placed?.box ?? null), LANG: 'zh' }
      inner.push(`      <TextBlock${attributes(attrs)}>`)
      const lines = placed && placed.lines.length > 0 ? placed.lines : [{ text: block.text, box: null }]
      lines.forEach((line, k) => {
        inner.push(`        <TextLine${attributes({ ID: `${id}_l${k + 1}`, ...box(line.box) })}>`)
        inner.push(`          ${element('String', { CONTENT: line.text, ...box(line.box) })}`)
        inner.push('        </TextLine>')
      })
      inner.push('      </TextBlock>')
    }
    body.push(`    <ComposedBlock${attributes({ ID: `p${page.id}_a${article.id}`, ...box(unionBox(boxes)), TYPE: article.approved ? article.kind : `${article.kind} (unapproved)` })}>`, ...inner, '    </ComposedBlock>')
  }
  if (roles.size > 0) {
    out.push('  <Tags>')
    for (const role of roles) out.push(`    ${element('StructureTag', { ID: `role_${role}`, TYPE: 'block', LABEL: role })}`)
    out.push('  </Tags>')
  }
  out.push('  <Layout>')
  const pageAttrs: Record<string, string | number | null> = {
    ID: `page_${page.id}`,
    PHYSICAL_IMG_NR: page.order,
    PRINTED_IMG_NR: page.label,
    ...(geometry ? { WIDTH: geometry.width, HEIGHT: geometry.height } : {})
  }
  out.push(`    <Page${attributes(pageAttrs)}>`)
  out.push(body.length > 0 ? '    <PrintSpace>' : '    <PrintSpace/>')
  if (body.length > 0) out.push(...body.map((l) => `    ${l}`), '    </PrintSpace>')
  out.push('    </Page>', '  </Layout>', '</alto>', '')
  return out.join('\n')
}

function box(b: readonly [number, number, number, number] | null): Record<string, number> {
  return b ? { HPOS: b[0], VPOS: b[1], WIDTH: b[2], HEIGHT: b[3] } : {}
}

function attributes(attrs: Record<string, string | number | null>): string {
  const open = element('x', attrs)
  return open.slice(2, -2)
}

function unionBox(boxes: readonly (readonly [number, number, number, number])[]): [number, number, number, number] | null {
  if (boxes.length === 0) return null
  const x0 = Math.min(...boxes.map((b) => b[0]))
  const y0 = Math.min(...boxes.map((b) => b[1]))
  const x1 = Math.max(...boxes.map((b) => b[0] + b[2]))
  const y1 = Math.max(...boxes.map((b) => b[1] + b[3]))
  return [x0, y0, x1 - x0, y1 - y0]
}
