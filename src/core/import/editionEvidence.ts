// The edition evidence of an imported batch: the pages of the batch that belong to one edition
// are read once more (decoded, never analysed) and the templates of their short lines counted,
// so that each page is analysed with what the edition's other pages show (analysis/edition.ts).
import { editionEvidence, type EditionEvidence } from '../analysis'
import { decodePage, MAX_PAGE_BYTES, normalizeNewlines } from './decode'
import { placePage } from './naming'
import type { PageSource } from './importer'

/** Pages of one edition read for its evidence: an edition has 4–40; more only costs time. */
const MAX_EVIDENCE_PAGES = 48

/**
 * A lookup from a page source to the evidence of its edition in this batch (null when the batch
 * holds no other page of it). Computed for an edition when its first page asks, then kept.
 */
export function editionEvidenceOf(sources: readonly PageSource[], edition: string | undefined): (source: PageSource) => EditionEvidence | null {
  const groups = new Map<string, PageSource[]>()
  const groupOf = new Map<PageSource, string>()
  for (const s of sources) {
    const name = placePage(s.fileName, s.folderName, edition).edition
    groupOf.set(s, name)
    const list = groups.get(name)
    if (list) list.push(s)
    else groups.set(name, [s])
  }
  const made = new Map<string, EditionEvidence | null>()
  return (source) => {
    const name = groupOf.get(source)
    if (name === undefined) return null
    if (made.has(name)) return made.get(name)!
    const members = groups.get(name)!
    let evidence: EditionEvidence | null = null
    if (members.length >= 2) {
      const texts: string[] = []
      for (const m of members.slice(0, MAX_EVIDENCE_PAGES)) {
        // text pages only: an OCR file (ALTO, hOCR, PAGE) is read by its own reader on import
        if (m.size > MAX_PAGE_BYTES || !/\.txt$/i.test(m.fileName)) continue
        try {
          texts.push(normalizeNewlines(decodePage(m.read()).text))
        } catch {
          // an unreadable page is reported when it is imported; it adds no evidence
        }
      }
      evidence = texts.length >= 2 ? editionEvidence(texts) : null
    }
    made.set(name, evidence)
    return evidence
  }
}
