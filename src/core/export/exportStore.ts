import fs from 'node:fs'
import path from 'node:path'
import { openReader, type Db } from '../store/database'
import { beginRead } from '../store/transactions'
import { VERSION } from '../version'
import { stageFolder } from './folder'
import { renderEditionHtml } from './formats/html'
import { renderEditionJson } from './formats/json'
import { renderArticleMarkdown, renderEditionMarkdown } from './formats/markdown'
import { renderArticleNitf } from './formats/nitf'
import { renderArticleText } from './formats/text'
import { renderPageAlto, type PageScan } from './formats/alto'
import { renderPagePageXml } from './formats/pageXml'
import { renderEditionTei } from './formats/tei'
import { getOriginalText, getPageChangedAt, getPageGeometry, getPageImage } from '../store/queries/scans'
import { displayTitle } from './labels'
import { NameRegistry, safeName } from './names'
import { selectScope } from './read'
import {
  ExportError,
  FORMATS,
  type AsyncExportOptions,
  type ExportEdition,
  type ExportOptions,
  type ExportResult,
  type Format,
  type WriteContext
} from './types'

// Folder layout (format first, so each consumer takes its own folder):
//   manifest.json                      what was exported, when, with which options
//   json/<edition>.json                the edition as data (resources/schema/galley-edition.schema.json)
//   md/<edition>/<page>-<nn>-<title>.md   or md/<edition>.md with singleFile
//   txt/<edition>/<page>-<nn>-<title>.txt
//   html/<edition>.html
//   nitf/<edition>/<page>-<nn>-<title>.xml
//   alto/<edition>/<page>.xml          ALTO 4, a page each (with the scan's coordinates when imported with them)
//   page/<edition>/<page>.xml          PAGE XML 2019, a page each
//   tei/<edition>.xml                  TEI P5, the edition
// <nn> is the article's reading-order position on its page, so names stay put across runs
// and an article has the same name in every format.

const ARTICLE_EXTENSIONS = { md: '.md', txt: '.txt', nitf: '.xml' } as const

/** Exports an edition, a page or the whole store into a new folder, atomically, in one go. */
export function exportStore(db: Db, options: ExportOptions): ExportResult {
  const steps = exportSteps(db, options)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * The same export without holding the event loop, for the app: the server and the window
 * must keep answering while it runs. It reads through a read-only connection of its own, so
 * its snapshot stays put while the caller's connection goes on saving edits (one connection
 * cannot do both: a write would land inside the export's read transaction). It gives the loop
 * back every `sliceMs` and, once `signal` aborts, stops with ExportError 'cancelled' and
 * leaves no folder behind. An in-memory database has no file to share, so it runs in one go.
 */
export async function exportStoreAsync(db: Db, options: AsyncExportOptions): Promise<ExportResult> {
  const { signal } = options
  const sliceMs = options.sliceMs ?? 15
  if (signal?.aborted) throw cancelled()
  const reader = openReader(db)
  if (!reader) return exportStore(db, options)
  try {
    const steps = exportSteps(reader, options)
    try {
      let sliceStart = performance.now()
      for (;;) {
        const step = steps.next()
        if (step.done) return step.value
        if (performance.now() - sliceStart >= sliceMs) {
          await new Promise<void>((resolve) => setImmediate(resolve))
          if (signal?.aborted) throw cancelled()
          sliceStart = performance.now()
        }
      }
    } finally {
      // Unwinds a stopped export: its staging folder goes, its read transaction ends.
      steps.return(undefined as never)
    }
  } finally {
    reader.close()
  }
}

function cancelled(): ExportError {
  return new ExportError('export cancelled; nothing was written', 'cancelled')
}

/** The export as steps: it pauses (yields) after each file group and each article. */
function* exportSteps(db: Db, options: ExportOptions): Generator<void, ExportResult> {
  const formats = checkFormats(options.formats)
  const ctx: WriteContext = { includeUnapproved: options.includeUnapproved ?? false }
  // Read consistently: the whole export sees one state of the store.
  const finish = beginRead(db)
  try {
    const selection = selectScope(db, options.scope, ctx.includeUnapproved)
    const staging = stageFolder(options.outDir, options.force ?? false)
    try {
      let files = 0
      let articles = 0
      const made = new Set<string>()
      const write = (relative: string, content: string): void => {
        const file = path.join(staging.dir, relative)
        const dir = path.dirname(file)
        if (!made.has(dir)) {
          fs.mkdirSync(dir, { recursive: true })
          made.add(dir)
        }
        fs.writeFileSync(file, content)
        files++
      }
      const editionNames = new NameRegistry()
      const editions: { name: string; folder: string; issueDate: string | null; articles: number }[] = []
      const advance = (): void => {
        articles++
        options.onProgress?.(articles, selection.total)
      }
      options.onProgress?.(0, selection.total)
      for (const edition of selection.read()) {
        const folder = editionNames.claim(safeName(edition.name, `edition-${edition.id}`, 80))
        const scanOf = (pageId: number): PageScan => {
          const image = getPageImage(db, pageId)
          return { originalText: getOriginalText(db, pageId) ?? '', geometry: getPageGeometry(db, pageId), imageName: image?.sourceName ?? null, changedAt: getPageChangedAt(db, pageId) ?? '' }
        }
        const count = yield* writeEdition(edition, folder, formats, options.singleFile ?? false, ctx, write, advance, scanOf)
        editions.push({ name: edition.name, folder, issueDate: edition.issueDate, articles: count })
      }
      const manifest = {
        generator: `Galley ${VERSION}`,
        exportedAt: new Date().toISOString(),
        scope: options.scope,
        formats,
        includesUnapproved: ctx.includeUnapproved,
        singleFile: options.singleFile ?? false,
        articles,
        editions
      }
      write('manifest.json', JSON.stringify(manifest, null, 2) + '\n')
      staging.commit()
      return { outDir: path.resolve(options.outDir), files, articles }
    } finally {
      staging.discard()
    }
  } finally {
    finish()
  }
}

function* writeEdition(
  edition: ExportEdition,
  folder: string,
  formats: readonly Format[],
  singleFile: boolean,
  ctx: WriteContext,
  write: (relative: string, content: string) => void,
  advance: () => void,
  scanOf: (pageId: number) => PageScan
): Generator<void, number> {
  const has = (f: Format): boolean => formats.includes(f)
  if (has('json')) write(`json/${folder}.json`, renderEditionJson(edition, ctx))
  if (has('html')) write(`html/${folder}.html`, renderEditionHtml(edition))
  if (has('tei')) write(`tei/${folder}.xml`, renderEditionTei(edition))
  if (has('alto') || has('page')) {
    const pageNames = new NameRegistry()
    for (const page of edition.pages) {
      const name = pageNames.claim(safeName(page.label, `p${page.id}`, 24))
      const scan = scanOf(page.id)
      if (has('alto')) write(`alto/${folder}/${name}.xml`, renderPageAlto(page, edition, scan))
      if (has('page')) write(`page/${folder}/${name}.xml`, renderPagePageXml(page, edition, scan))
      yield
    }
  }
  if (has('md') && singleFile) write(`md/${folder}.md`, renderEditionMarkdown(edition, ctx))
  yield
  const perArticle = (['md', 'txt', 'nitf'] as const).filter((f) => has(f) && !(f === 'md' && singleFile))
  let count = 0
  const names = new NameRegistry()
  for (const page of edition.pages) {
    const pagePart = safeName(page.label, `p${page.id}`, 24)
    for (const article of page.articles) {
      count++
      if (perArticle.length > 0) {
        const position = String(article.position + 1).padStart(2, '0')
        const stem = names.claim(safeName(`${pagePart}-${position}-${displayTitle(article, 40)}`, `${pagePart}-${position}`))
        for (const f of perArticle) {
          const content =
            f === 'md' ? renderArticleMarkdown(article, page, edition) : f === 'txt' ? renderArticleText(article, page, edition) : renderArticleNitf(article, page, edition)
          write(`${f}/${folder}/${stem}${ARTICLE_EXTENSIONS[f]}`, content)
        }
      }
      advance()
      yield
    }
  }
  return count
}

function checkFormats(formats: readonly Format[]): Format[] {
  if (formats.length === 0) throw new ExportError('no export format chosen', 'invalid')
  for (const f of formats) {
    if (!FORMATS.includes(f)) throw new ExportError(`unknown export format ${String(f)} (known: ${FORMATS.join(', ')})`, 'invalid')
  }
  // In the canonical order, once each.
  return FORMATS.filter((f) => formats.includes(f))
}
