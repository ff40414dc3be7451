// Deterministic synthetic archive of damaged Chinese newspaper pages, for benchmarks and
// stress tests. Same seed, same bytes: nothing here reads the clock or Math.random.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deriveSeed, mulberry32 } from './prng'
import type { EditionContext } from './edition'
import { PAGES_PER_EDITION, archiveContext, editionContext } from './edition'
import type { PageTruth } from './page'
import { generatePage } from './page'
import { encodeGb18030, gb18030Available } from './gb18030'

export type { PageTruth } from './page'
export { MAX_PAGE_BYTES, MIN_PAGE_BYTES } from './page'
export { PAGES_PER_EDITION } from './edition'

export interface SyntheticPage {
  edition: string
  fileName: string
  text: string
  pageNo: number
  date: string
}

export interface ArchiveOptions {
  seed: number
  pages: number
}

// Ground truth travels beside the page rather than on it, so the page stays the plain
// record a file on disk would give.
const truths = new WeakMap<SyntheticPage, PageTruth>()

/** Editions of 8 pages on consecutive days; the last edition may be short. */
export function* generateArchive(opts: ArchiveOptions): Generator<SyntheticPage> {
  const archive = archiveContext(opts.seed)
  let edition: EditionContext | null = null
  for (let i = 0; i < opts.pages; i++) {
    const e = Math.floor(i / PAGES_PER_EDITION)
    if (!edition || edition.index !== e) edition = editionContext(archive, e)
    const pageNo = (i % PAGES_PER_EDITION) + 1
    const { text, truth } = generatePage(archive, edition, i, pageNo)
    const page: SyntheticPage = {
      edition: edition.name,
      fileName: `${edition.name}_${String(pageNo).padStart(2, '0')}版.txt`,
      text,
      pageNo,
      date: edition.name
    }
    truths.set(page, truth)
    yield page
  }
}

/** What was generated for a page; only for pages this module produced. */
export function groundTruth(page: SyntheticPage): PageTruth {
  const t = truths.get(page)
  if (!t) throw new Error('groundTruth: page was not produced by generateArchive')
  return t
}

/**
 * Writes <dir>/<edition>/<fileName>. With encodingMix about one file in ten is GB18030
 * (chosen from the seed); on a Node without full ICU every file stays UTF-8.
 */
export function writeArchive(dir: string, opts: ArchiveOptions, encodingMix = false): { files: string[]; bytes: number } {
  const files: string[] = []
  let bytes = 0
  const legacy = encodingMix && gb18030Available()
  const pick = mulberry32(deriveSeed(opts.seed, 0xe4c))
  let lastEdition = ''
  for (const page of generateArchive(opts)) {
    const folder = join(dir, page.edition)
    if (page.edition !== lastEdition) {
      mkdirSync(folder, { recursive: true })
      lastEdition = page.edition
    }
    const gb = legacy && pick.chance(0.1)
    const data = gb ? encodeGb18030(page.text) : Buffer.from(page.text, 'utf8')
    const file = join(folder, page.fileName)
    writeFileSync(file, data)
    files.push(file)
    bytes += data.byteLength
  }
  return { files, bytes }
}
