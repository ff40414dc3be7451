import { log } from '../log'
import { deriveScan, loadSharp, pyramidPath, wantsDerivatives, type DerivableScan } from './derive'
import fs from 'node:fs'
import { previewPath } from './mediaStore'

// The background job that derives large scans' previews and pyramids (derive.ts) after an import,
// or when the app opens a store whose scans lack them: one scan at a time for the whole process
// (sharp itself on one thread), so typing and saving keep a core. A scan the editor opens before
// its turn goes to the front of the queue (deriveSoon).

interface Item {
  folder: string
  scan: DerivableScan
}

const queue: Item[] = []
const queued = new Set<string>()
let running: Promise<void> | null = null
let settledWaiters: (() => void)[] = []
/** Scans sharp could not derive (damaged, or a kind libvips refuses): the workbench makes their preview. */
const failed = new Set<string>()
/** The queue stays out of the way until then (a page's scan is being drawn). */
let resumeAt = 0
/** How long the queue waits after the editor opened a scan it had not come to yet (it is drawn whole meanwhile). */
const QUIET_AFTER_VIEW_MS = 1000

const key = (item: Item): string => `${item.folder}\u0000${item.scan.sha256}`

/** Whether the scan's derived files are all there (cheap: two file checks). */
export function isDerived(folder: string, scan: DerivableScan): boolean {
  return fs.existsSync(pyramidPath(folder, scan.sha256)) && fs.existsSync(previewPath(folder, scan.sha256))
}

/** Queues the scans that want derivatives and lack them; returns how many were queued. */
export function queueDerivations(folder: string, scans: readonly DerivableScan[]): number {
  let added = 0
  for (const scan of scans) {
    if (!wantsDerivatives(scan) || isDerived(folder, scan)) continue
    const item = { folder, scan }
    if (queued.has(key(item)) || failed.has(key(item))) continue
    queued.add(key(item))
    queue.push(item)
    added++
  }
  if (added > 0 && !running) running = drain()
  return added
}

async function drain(): Promise<void> {
  for (;;) {
    // the scan the editor just opened is drawn first, with no derivation competing with it
    while (Date.now() < resumeAt) await new Promise((resolve) => setTimeout(resolve, Math.max(20, resumeAt - Date.now())))
    const item = queue.shift()
    if (!item) break
    try {
      await deriveScan(item.folder, item.scan)
    } catch (error) {
      // the scan is still shown (whole, its preview made by the workbench); the next process tries again
      log.warn(`scan ${item.scan.sha256.slice(0, 12)}…: previews and tiles not made`, error)
      failed.add(key(item))
    } finally {
      queued.delete(key(item))
    }
  }
  running = null
  const waiters = settledWaiters
  settledWaiters = []
  for (const resolve of waiters) resolve()
}

/** Moves the scan to the front of the queue (the editor is looking at it, or is about to). */
export function prioritize(folder: string, scan: DerivableScan): void {
  const index = queue.findIndex((item) => item.folder === folder && item.scan.sha256 === scan.sha256)
  if (index > 0) queue.unshift(...queue.splice(index, 1))
  else if (index === -1) queueDerivations(folder, [scan])
}

/**
 * The editor opened a scan the job has not come to: it is drawn whole this once (what the browser
 * decodes fastest, measured: bench/scanPane.ts), and its preview and pyramid are made next, once
 * it is drawn. False where nothing can be derived here (no sharp): the workbench makes the preview.
 */
export async function deriveSoon(folder: string, scan: DerivableScan): Promise<boolean> {
  if (!wantsDerivatives(scan) || failed.has(key({ folder, scan })) || !(await loadSharp())) return false
  resumeAt = Date.now() + QUIET_AFTER_VIEW_MS
  prioritize(folder, scan)
  return true
}

/** Resolves when the queue is empty (the CLI waits for it before it exits; tests and the bench too). */
export function derivationsSettled(): Promise<void> {
  if (!running) return Promise.resolve()
  return new Promise((resolve) => settledWaiters.push(resolve))
}
