import fs from 'node:fs'
import path from 'node:path'
import type { Db } from '../store/database'
import type { ImportItemResult, ImportReport } from '../../shared/types'
import { EditionPublicationError, findOrCreateEdition } from '../store/queries/editions'
import { allPageHashes, findPageIdByHash, insertPage } from '../store/queries/pages'
import { storeNewPageProposal } from '../pipeline/storeProposal'
import { structureProposer } from '../pipeline/propose'
import { indexNewPage } from '../store/queries/search'
import { toSearchDocument } from '../store/searchText'
import { inBatchTransaction } from '../store/transactions'
import { log } from '../log'
import type { Proposer } from '../pipeline/proposal'
import { collectSources } from './collect'
import { editionEvidenceOf } from './editionEvidence'
import { MAX_PAGE_BYTES } from './decode'
import { placePage, UNNUMBERED } from './naming'
import { pageLabelInHeader } from './pageHeader'
import { preparePage, type Prepared } from './prepare'
import { startPagePool, type PageJob } from '../workers/pagePool'
import { folderImageFinder, limiter, storeScanAsync, type FindImage, type ReadyImage } from './scans'
import { insertPageGeometry, insertPageImage } from '../store/queries/scans'
import { ImageError } from '../media/mediaStore'

export interface ImportOptions {
  edition?: string
  /** The publication of new editions; by default named after the edition (see naming.ts). */
  publication?: string
  /**
   * Analyses a page on the importing thread. Without it, pages get the standard analysis
   * (structure and safe fixes; typos follow in the suggestion pass), on worker threads when the
   * batch is large enough to pay for starting them.
   */
  propose?: Proposer
  /** Worker threads for the standard analysis: 0 keeps it on this thread. */
  workers?: number
  /**
   * Keeps the reading, decoding and analysis off this thread (a server's request thread):
   * workers whatever the batch size, and a page a worker cannot finish fails on its own
   * instead of being retried here.
   */
  offThread?: boolean
  onProgress?: (done: number, total: number, item: ImportItemResult) => void
  /** The source the writer waits for next (the one a progress display names). */
  onCurrent?: (source: string) => void
  /**
   * Stops the import: the pages stored before it stay (each whole), the page being analysed
   * and the rest are not imported, and the workers are stopped.
   */
  signal?: AbortSignal
}

export interface PageSource {
  /** How the source is named to the user in messages. */
  source: string
  fileName: string
  folderName: string
  /** The file on disk, when there is one: workers read it themselves. */
  path?: string
  read: () => Uint8Array
  size: number
  /** The page's scan, if there is one: by the name its OCR file gives, else by its own base name. */
  findImage?: FindImage
  /** Why the source cannot be a page, known before reading it (an upload that is not base64). */
  refused?: string
}

/** Imports files and folders; every failure is reported and the batch goes on. */
export async function importPaths(db: Db, inputs: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const { files, errors } = collectSources(inputs)
  const failed: ImportItemResult[] = errors.map((e) => ({ source: e.source, status: 'failed', reason: e.reason }))
  const images = folderImageFinder()
  const sources: PageSource[] = files.map((file) => ({
    source: file.linkTo ? `${file.path} (a link to ${file.linkTo})` : file.path,
    fileName: path.basename(file.path),
    folderName: file.folderName,
    path: file.path,
    size: safeSize(file.path),
    read: () => fs.readFileSync(file.path),
    findImage: images(file.path)
  }))
  const report = await importSources(db, sources, options)
  return { ...report, failed: report.failed + failed.length, items: [...failed, ...report.items] }
}

/**
 * Pages are committed in short batches: one SQLite transaction for every page would make FTS5
 * write an index segment per page. Each page still runs in a savepoint of its own, so a page
 * that fails leaves nothing behind, and a crash loses at most the open batch, never half a page.
 * A batch is written synchronously: no other caller of the connection runs inside it.
 */
const BATCH_MS = 250
const BATCH_PAGES = 200
/** Below this many files, starting workers costs more than it saves. */
const MIN_PAGES_FOR_WORKERS = 24
/**
 * Pages handed to the workers ahead of the writer: more than a batch, so that the workers go on
 * while a batch is being written (a few hundred pages: tens of MB at most).
 */
const AHEAD = 2 * BATCH_PAGES

interface Ready {
  source: PageSource
  prepared: Prepared
  image?: ReadyImage
  /** The page's scan could not be stored: the page goes in without it, the scan's line is reported. */
  badScan?: ImportItemResult
}

export async function importSources(db: Db, sources: readonly PageSource[], options: ImportOptions): Promise<ImportReport> {
  const items: ImportItemResult[] = []
  const inline = options.propose ?? structureProposer()
  const wanted = options.propose ? 0 : (options.workers ?? undefined)
  const pool = wanted === 0 || (sources.length < MIN_PAGES_FOR_WORKERS && !options.offThread) ? null : startPagePool(wanted)
  const known = new Set(allPageHashes(db))
  pool?.addKnown([...known])
  const evidenceOf = editionEvidenceOf(sources, options.edition)
  const prepareHere = (source: PageSource): Prepared => {
    let bytes: Uint8Array
    try {
      bytes = source.read()
    } catch (error) {
      return { status: 'failed', reason: `cannot read file: ${(error as Error).message}` }
    }
    return preparePage(bytes, (sha256) => known.has(sha256), inline, source.fileName, evidenceOf(source))
  }
  const prepare = (source: PageSource): Prepared | Promise<Prepared> => {
    if (source.refused !== undefined) return { status: 'failed', reason: source.refused }
    // Checked before reading, so a huge file is never loaded into memory.
    if (source.size > MAX_PAGE_BYTES) {
      return { status: 'failed', reason: `file too large (${(source.size / 1024 / 1024).toFixed(1)} MB, the limit is 20 MB)` }
    }
    if (!pool) return prepareHere(source)
    let job: PageJob
    try {
      const edition = evidenceOf(source)
      job = source.path !== undefined ? { path: source.path, edition } : { bytes: source.read(), name: source.fileName, edition }
    } catch (error) {
      return { status: 'failed', reason: `cannot read file: ${(error as Error).message}` }
    }
    // A worker that dies (out of memory on a monstrous page, say) costs its pages a retry here.
    return pool.prepare(job).catch((error: Error): Prepared | Promise<Prepared> => {
      // After a cancel the workers are stopped on purpose: the page is not imported, and not analysed here either.
      if (options.offThread || options.signal?.aborted) return { status: 'failed', reason: `could not be analysed: ${error.message}` }
      log.warn(`page worker failed on ${source.source}; analysing it on this thread`, error)
      return prepareHere(source)
    })
  }

  // A page's scan is checked and copied as soon as the page is prepared, a few at a time, while
  // the workers and the writer go on (outside the write transaction: a large file holds up no one).
  const scanSlot = limiter(4)
  const withScan = async (source: PageSource, prepared: Prepared): Promise<Ready> => {
    if (prepared.status !== 'new' || !source.findImage || options.signal?.aborted) return { source, prepared }
    const candidate = source.findImage(prepared.geometry?.imageName ?? null)
    if (!candidate) return { source, prepared }
    try {
      return { source, prepared, image: await scanSlot(() => storeScanAsync(db.name, candidate)) }
    } catch (error) {
      if (!(error instanceof ImageError)) throw error
      // a scan is what the editor checks the text against, never what keeps the text out
      const scanSource = candidate.file ?? path.join(path.dirname(source.source), candidate.name)
      return { source, prepared, badScan: { source: scanSource, status: 'failed', reason: `${error.message} (${source.fileName} is imported without it)` } }
    }
  }
  const ahead: Promise<Ready>[] = []
  let next = 0
  const fill = (): void => {
    const limit = pool ? AHEAD : 1
    while (ahead.length < limit && next < sources.length && !options.signal?.aborted) {
      const source = sources[next++]!
      ahead.push(Promise.resolve(prepare(source)).then((prepared) => withScan(source, prepared)))
    }
  }
  let batch: Ready[] = []
  const badScans: ImportItemResult[] = []
  let batchStarted = Date.now()
  const flush = (): void => {
    if (batch.length === 0) return
    const stored = storeBatch(db, batch, options.edition, options.publication)
    for (const [k, item] of stored.entries()) {
      items.push(item)
      options.onProgress?.(items.length, sources.length, item)
      const badScan = batch[k]!.badScan
      if (badScan && item.status === 'imported') {
        badScans.push(badScan)
        options.onProgress?.(items.length, sources.length, badScan)
      }
    }
    batch = []
    batchStarted = Date.now()
  }
  try {
    for (let i = 0; i < sources.length && !options.signal?.aborted; i++) {
      fill()
      options.onCurrent?.(sources[i]!.source)
      // A cancel does not wait for the page in the works (a 20 MB page takes a worker a minute).
      const ready = await untilAborted(ahead.shift()!, options.signal)
      if (!ready) break
      batch.push(ready)
      if (batch.length >= BATCH_PAGES || Date.now() - batchStarted >= BATCH_MS) flush()
    }
    // Pages prepared before a cancel are stored: the work is done and each page is whole.
    flush()
  } finally {
    // Pages left in the works by a cancel are not imported: nobody reads their outcome.
    for (const left of ahead) left.catch(() => undefined)
    await pool?.close()
  }
  return {
    imported: items.filter((i) => i.status === 'imported').length,
    unchanged: items.filter((i) => i.status === 'unchanged').length,
    failed: items.filter((i) => i.status === 'failed').length + badScans.length,
    items: [...items, ...badScans]
  }
}

/** The promise's value, or null as soon as the signal aborts (the promise is left to settle unread). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  if (!signal) return promise
  if (signal.aborted) return Promise.resolve(null)
  return new Promise<T | null>((resolve, reject) => {
    const stop = (): void => resolve(null)
    signal.addEventListener('abort', stop, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', stop)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop)
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    )
  })
}

function storeBatch(db: Db, batch: readonly Ready[], edition: string | undefined, publication: string | undefined): ImportItemResult[] {
  // FTS5 flushes its pending index at every savepoint release: the batch's pages are indexed
  // together just before the commit, outside the pages' savepoints, in the same transaction.
  const toIndex: { pageId: number; searchDocument: string }[] = []
  return inBatchTransaction(db, () => {
    const items = batch.map(({ source, prepared, image }) => storeOne(db, source, prepared, image, edition, publication, toIndex))
    for (const page of toIndex) indexNewPage(db, page.pageId, page.searchDocument)
    return items
  })
}

function storeOne(db: Db, source: PageSource, prepared: Prepared, image: ReadyImage | undefined, edition: string | undefined, publication: string | undefined, toIndex: { pageId: number; searchDocument: string }[]): ImportItemResult {
  if (prepared.status === 'failed') return { source: source.source, status: 'failed', reason: prepared.reason }
  // Known to the workers when the import began, or stored since (the same file twice in a batch).
  const existing = findPageIdByHash(db, prepared.sha256)
  if (existing !== undefined) return { source: source.source, status: 'unchanged', pageId: existing }
  if (prepared.status === 'known') {
    // Gone since the import began: nothing to store, and nothing analysed to store it with.
    return { source: source.source, status: 'failed', reason: 'the page was deleted from the store during the import' }
  }
  const place = placePage(source.fileName, source.folderName, edition, publication)
  // The page's own header names it better than its file name does.
  const header = pageLabelInHeader(prepared.originalText)
  try {
    // One savepoint a page: the store never holds half a page.
    const pageId = db.transaction(() => {
      const editionId = findOrCreateEdition(db, place.edition, place.issueDate, { name: place.publication, strict: place.publicationGiven })
      const id = insertPage(db, {
        editionId,
        label: header?.label ?? place.label,
        order: place.order === UNNUMBERED && header ? header.order : place.order,
        sourceName: source.fileName,
        sha256: prepared.sha256,
        encoding: prepared.encoding,
        byteLength: prepared.byteLength,
        originalText: prepared.originalText
      })
      storeNewPageProposal(db, id, prepared.normalizedText ?? prepared.originalText, prepared.proposal, prepared.normalizedText === null)
      if (prepared.geometry) insertPageGeometry(db, id, prepared.geometry)
      if (image) insertPageImage(db, id, image.image, image.sourceName)
      return id
    })()
    // Made here, not by the worker: it is twice the text's length to send, and made there it
    // measured no faster.
    toIndex.push({ pageId, searchDocument: toSearchDocument(prepared.proposal.workingText) })
    return { source: source.source, status: 'imported', pageId, edition: place.edition, publication: place.publication, encoding: prepared.encoding }
  } catch (error) {
    if (error instanceof EditionPublicationError) return { source: source.source, status: 'failed', reason: error.message }
    return { source: source.source, status: 'failed', reason: `cannot store page: ${(error as Error).message}` }
  }
}

function safeSize(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    // Unreadable: reading it fails next, and that failure is the page's reported reason.
    return 0
  }
}
