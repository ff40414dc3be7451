import { createHash } from 'node:crypto'
import type { EditionEvidence } from '../analysis'
import { prepareProposal, type PreparedProposal, type Proposer } from '../pipeline/proposal'
import type { PageGeometry } from '../../shared/geometry'
import { DecodeError, decodePage, normalizeNewlines, type PageEncoding } from './decode'
import { isOcrFileName, OcrFormatError, readOcrText } from './ocr'
import { hintsFromLayout } from './ocr/hintsFromLayout'

/** A page file made ready for the store: everything but the writing, so it can run on any thread. */
export type Prepared =
  | {
      status: 'new'
      sha256: string
      encoding: PageEncoding
      byteLength: number
      /** The decoded text exactly as the file has it: the page's immutable original. */
      originalText: string
      /** The original with LF line endings, or null when that is the original itself. */
      normalizedText: string | null
      proposal: PreparedProposal
      /** Where the text is on the scan, for a page read from an OCR engine's XML. */
      geometry?: PageGeometry
    }
  | { status: 'known'; sha256: string }
  | { status: 'failed'; reason: string }

/**
 * Hashes, decodes and analyses one file's bytes; `isKnown` skips the work for pages already stored.
 * A file named as OCR output (`fileName`: .xml, .hocr, .html) is read as ALTO, hOCR or PAGE: its
 * original text is the text laid out from the XML, and its geometry goes with it. `edition`: what
 * the other pages of its edition in the batch show (analysis/edition.ts).
 */
export function preparePage(bytes: Uint8Array, isKnown: (sha256: string) => boolean, propose: Proposer, fileName?: string, edition: EditionEvidence | null = null): Prepared {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  if (isKnown(sha256)) return { status: 'known', sha256 }
  let decoded: { text: string; encoding: PageEncoding }
  try {
    decoded = decodePage(bytes)
  } catch (error) {
    if (error instanceof DecodeError) return { status: 'failed', reason: error.message }
    throw error
  }
  let geometry: PageGeometry | undefined
  if (fileName !== undefined && isOcrFileName(fileName)) {
    try {
      const ocr = readOcrText(decoded.text)
      decoded = { ...decoded, text: ocr.text }
      geometry = ocr.geometry
    } catch (error) {
      if (error instanceof OcrFormatError) return { status: 'failed', reason: error.message }
      throw error
    }
  }
  const normalized = normalizeNewlines(decoded.text)
  let proposal: PreparedProposal
  try {
    const context = { ...(geometry ? { layout: hintsFromLayout(normalized, geometry) } : {}), ...(edition ? { edition } : {}) }
    proposal = prepareProposal(propose(normalized, geometry || edition ? context : undefined))
  } catch (error) {
    return { status: 'failed', reason: `analysis failed: ${(error as Error).message}` }
  }
  return {
    status: 'new',
    sha256,
    encoding: decoded.encoding,
    byteLength: bytes.length,
    originalText: decoded.text,
    normalizedText: normalized === decoded.text ? null : normalized,
    proposal,
    ...(geometry ? { geometry } : {})
  }
}
