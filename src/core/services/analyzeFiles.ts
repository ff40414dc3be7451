import fs from 'node:fs'
import path from 'node:path'
import { analyzePage, editionEvidence, type EditionEvidence, type PublicationProfile } from '../analysis'
import type { Db } from '../store/database'
import { findPublicationByName } from '../store/queries/publications'
import { publicationEvidence, publicationProfile } from '../learning/publicationProfile'
import { decodePage, DecodeError, normalizeNewlines } from '../import/decode'
import { detectSuspicious } from '../typos'
import { locateAllInOriginal } from '../pipeline/offsets'
import { toSuggestionInput } from '../pipeline/propose'

// `galley analyze`: a page file analysed as an import would, without a database.

/** The exact form `galley analyze --json` prints for one page. */
export interface AnalyzeResult {
  source: string
  encoding: string
  text: string
  articles: {
    kind: 'article' | 'caption' | 'fragment'
    kicker: string | null
    title: string
    subtitle: string | null
    headings: string[]
    byline: string | null
    paragraphs: { role: 'body' | 'subhead'; text: string }[]
    flags: string[]
    confidence: number
  }[]
  furniture: string[]
  suggestions: { rule: string; start: number; end: number; original: string; replacement: string; confidence: number; message: string }[]
}

export function analyzeText(source: string, encoding: string, text: string, edition: EditionEvidence | null = null, profile: PublicationProfile | null = null): AnalyzeResult {
  // Detection first: on a long page another thread helps with it (typos/lanes.ts), and the
  // two threads' working memory is given back before the analysis builds its structures. The
  // two at once, or the analysis first, took the 20 MB page of the benchmark past 600 MB.
  const suggestions: AnalyzeResult['suggestions'] = detectSuspicious(text).map(toSuggestionInput)
  const analysis = analyzePage(text, { edition, profile })
  // Duplicates are found in the cleaned text; their offsets here are into the original.
  // One pass for all of them: locating each on its own was quadratic on a page of repeats.
  const places = locateAllInOriginal(text, analysis.duplicates.map((d) => d.text))
  analysis.duplicates.forEach((d, i) => {
    const at = places[i]
    if (!at) return
    suggestions.push({ rule: 'duplicate', start: at.start, end: at.end, original: text.slice(at.start, at.end), replacement: '', confidence: d.confidence, message: d.message })
  })
  suggestions.sort((a, b) => a.start - b.start || a.end - b.end)
  return {
    source,
    encoding,
    text,
    articles: jsonArticles(analysis.articles),
    furniture: analysis.furniture,
    suggestions
  }
}

type JsonArticle = AnalyzeResult['articles'][number]

// The JSON form has no field for captions: a caption is an entry of kind caption whose text is
// its paragraph, and an article's attached captions follow it as such entries.
function jsonArticles(articles: ReturnType<typeof analyzePage>['articles']): JsonArticle[] {
  const out: JsonArticle[] = []
  const captionEntry = (text: string, confidence: number): JsonArticle => ({
    kind: 'caption',
    kicker: null,
    title: '',
    subtitle: null,
    headings: [],
    byline: null,
    paragraphs: [{ role: 'body', text }],
    flags: [],
    confidence
  })
  for (const a of articles) {
    if (a.kind === 'caption') {
      const texts = a.captions.length > 0 ? a.captions : a.paragraphs.map((p) => p.text)
      out.push({ ...captionEntry(texts.join('\n'), a.confidence), byline: a.byline, flags: a.flags })
      continue
    }
    out.push({
      kind: a.kind,
      kicker: a.kicker,
      title: a.title,
      subtitle: a.subtitle,
      headings: a.headings,
      byline: a.byline,
      paragraphs: a.paragraphs.map((p) => ({ role: p.role, text: p.text })),
      flags: a.flags,
      confidence: a.confidence
    })
    for (const caption of a.captions) out.push(captionEntry(caption, a.confidence))
  }
  return out
}

/** Reads, decodes and analyses one file; a file that cannot be read says why, in one line. */
export function analyzeFile(file: string, edition: EditionEvidence | null = null, profile: PublicationProfile | null = null): { ok: true; result: AnalyzeResult } | { ok: false; reason: string } {
  let decoded
  try {
    const stat = fs.statSync(file)
    if (!stat.isFile()) throw new DecodeError('not a file')
    decoded = decodePage(fs.readFileSync(file))
  } catch (error) {
    const reason = error instanceof DecodeError ? error.message : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    return { ok: false, reason }
  }
  return { ok: true, result: analyzeText(file, decoded.encoding, normalizeNewlines(decoded.text), edition, profile) }
}

export class UnknownPublicationError extends Error {}

/**
 * What Galley learnt of a stored publication, for pages analysed outside the store (`galley
 * analyze --publication`): its learnt profile, and what its stored pages show (their recurring
 * line templates), as an import gives a page its edition's evidence.
 */
export function publicationContext(db: Db, name: string): { profile: PublicationProfile | null; evidence: EditionEvidence | null } {
  const found = findPublicationByName(db, name)
  if (!found) throw new UnknownPublicationError(`no publication named ${name} (galley profile list shows them)`)
  return { profile: publicationProfile(db, found.id), evidence: publicationEvidence(db, found.id) }
}

export class EditionFolderError extends Error {}

/**
 * Template counts over the .txt pages of a folder, the page's edition or publication: lines that
 * recur across them are read as furniture. Unreadable pages are skipped; a folder that cannot be
 * read is an EditionFolderError.
 */
export function readEditionEvidence(dir: string): EditionEvidence {
  let names: string[]
  try {
    names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.txt')).sort()
  } catch (error) {
    throw new EditionFolderError(`${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`)
  }
  const texts: string[] = []
  for (const name of names) {
    try {
      texts.push(normalizeNewlines(decodePage(fs.readFileSync(path.join(dir, name))).text))
    } catch {
      // a page that cannot be read adds no evidence
    }
  }
  return editionEvidence(texts)
}
