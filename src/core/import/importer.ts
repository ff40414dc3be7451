import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Db } from '../store/database'
import type { ImportItemResult, ImportReport } from '../../shared/types'
import { findOrCreateEdition } from '../store/queries/editions'
import { findPageIdByHash, insertPage } from '../store/queries/pages'
import { storeProposal } from '../pipeline/storeProposal'
import { indexPageText } from '../store/queries/search'
import type { Proposer } from '../pipeline/proposal'
import { collectSources } from './collect'
import { DecodeError, MAX_PAGE_BYTES, decodePage, normalizeNewlines } from './decode'
import { placePage } from './naming'

export interface ImportOptions {
  edition?: string
  propose: Proposer
  onProgress?: (done: number, total: number, item: ImportItemResult) => void
  signal?: AbortSignal
}

export interface PageSource {
  /** How the source is named to the user in messages. */
  source: string
  fileName: string
  folderName: string
  read: () => Uint8Array
  size: number
}

/** Imports files and folders; every failure is reported and the batch goes on. */
export function importPaths(db: Db, inputs: readonly string[], options: ImportOptions): ImportReport {
  const { files, errors } = collectSources(inputs)
  const failed: ImportItemResult[] = errors.map((e) => ({ source: e.source, status: 'failed', reason: e.reason }))
  const sources: PageSource[] = files.map((file) => ({
    source: file.path,
    fileName: path.basename(file.path),
    folderName: file.folderName,
    size: safeSize(file.path),
    read: () => fs.readFileSync(file.path)
  }))
  const report = importSources(db, sources, options)
  return { ...report, failed: report.failed + failed.length, items: [...failed, ...report.items] }
}

/**
 * Pages are committed in short batches: one SQLite transaction for every page would make FTS5
 * write an index segment per page. Each page still runs in a savepoint of its own, so a page
 * that fails leaves nothing behind, and a crash loses at most the open batch, never half a page.
 */
const BATCH_MS = 250
const BATCH_PAGES = 200

export function importSources(db: Db, sources: readonly PageSource[], options: ImportOptions): ImportReport {
  const items: ImportItemResult[] = []
  let open = false
  let openedAt = 0
  let inBatch = 0
  // FTS5 flushes its pending index at every savepoint release: the batch's pages are indexed
  // together just before the commit, outside the pages' savepoints, in the same transaction.
  const toIndex: { pageId: number; text: string }[] = []
  const commit = (): void => {
    if (!open) return
    for (const page of toIndex) indexPageText(db, page.pageId, page.text, false)
    toIndex.length = 0
    db.exec('COMMIT')
    open = false
  }
  try {
    for (const source of sources) {
      if (options.signal?.aborted) break
      if (!open) {
        db.exec('BEGIN IMMEDIATE')
        open = true
        openedAt = Date.now()
        inBatch = 0
      }
      const item = importOne(db, source, options, toIndex)
      items.push(item)
      if (++inBatch >= BATCH_PAGES || Date.now() - openedAt >= BATCH_MS) commit()
      options.onProgress?.(items.length, sources.length, item)
    }
    commit()
  } catch (error) {
    if (open) db.exec('ROLLBACK')
    throw error
  }
  return {
    imported: items.filter((i) => i.status === 'imported').length,
    unchanged: items.filter((i) => i.status === 'unchanged').length,
    failed: items.filter((i) => i.status === 'failed').length,
    items
  }
}

function importOne(db: Db, source: PageSource, options: ImportOptions, toIndex: { pageId: number; text: string }[]): ImportItemResult {
  const fail = (reason: string): ImportItemResult => ({ source: source.source, status: 'failed', reason })
  // Checked before reading, so a huge file is never loaded into memory.
  if (source.size > MAX_PAGE_BYTES) {
    return fail(`file too large (${(source.size / 1024 / 1024).toFixed(1)} MB, the limit is 20 MB)`)
  }
  let bytes: Uint8Array
  try {
    bytes = source.read()
  } catch (error) {
    return fail(`cannot read file: ${(error as Error).message}`)
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const existing = findPageIdByHash(db, sha256)
  if (existing !== undefined) return { source: source.source, status: 'unchanged', pageId: existing }

  let decoded
  try {
    decoded = decodePage(bytes)
  } catch (error) {
    if (error instanceof DecodeError) return fail(error.message)
    throw error
  }
  const place = placePage(source.fileName, source.folderName, options.edition)
  let proposal
  try {
    proposal = options.propose(normalizeNewlines(decoded.text))
  } catch (error) {
    return fail(`analysis failed: ${(error as Error).message}`)
  }

  try {
    // One savepoint a page: the store never holds half a page.
    const pageId = db.transaction(() => {
      const again = findPageIdByHash(db, sha256)
      if (again !== undefined) return -again
      const editionId = findOrCreateEdition(db, place.edition, place.issueDate)
      const id = insertPage(db, {
        editionId,
        label: place.label,
        order: place.order,
        sourceName: source.fileName,
        sha256,
        encoding: decoded.encoding,
        byteLength: bytes.length,
        originalText: decoded.text
      })
      storeProposal(db, id, normalizeNewlines(decoded.text), proposal, false)
      return id
    }).immediate()
    if (pageId < 0) return { source: source.source, status: 'unchanged', pageId: -pageId }
    toIndex.push({ pageId, text: proposal.workingText })
    return { source: source.source, status: 'imported', pageId, edition: place.edition, encoding: decoded.encoding }
  } catch (error) {
    return fail(`cannot store page: ${(error as Error).message}`)
  }
}

function safeSize(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return 0
  }
}
