import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sweepAbandonedEntries } from '../processes'
import { isOurStaging, whyNotOurExport, writeMarker } from './ownFolder'
import { ExportError } from './types'

// An export is written into a hidden folder beside its destination and renamed into place
// once complete: a failed export leaves nothing half-written, and a reader never sees a
// partial folder. Renames within one parent folder are atomic on every supported system.
// A process killed midway (SIGKILL, a power cut) leaves its hidden folder: the next export
// into the same parent folder removes it, once its process is gone and it is plainly Galley's.

export interface Staging {
  /** Where to write. */
  dir: string
  /** Moves the finished folder into place (replacing an old one when allowed). */
  commit: () => void
  /** Removes what was written. Safe to call after commit. */
  discard: () => void
}

export function stageFolder(outDir: string, force: boolean): Staging {
  const target = path.resolve(outDir)
  const parent = path.dirname(target)
  const base = path.basename(target)
  if (base === '' || target === parent) throw new ExportError(`cannot export into ${target}`, 'invalid')
  checkTarget(target, force)
  fs.mkdirSync(parent, { recursive: true })
  sweepAbandoned(parent)
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`
  const dir = path.join(parent, `.${base}.partial-${tag}`)
  fs.mkdirSync(dir)
  try {
    writeMarker(dir)
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw error
  }
  let committed = false
  return {
    dir,
    commit: () => {
      checkTarget(target, force)
      if (fs.existsSync(target)) {
        // Out of the way first, back if the swap fails, removed only once the new one is in.
        const old = path.join(parent, `.${base}.old-${tag}`)
        fs.renameSync(target, old)
        try {
          fs.renameSync(dir, target)
        } catch (error) {
          fs.renameSync(old, target)
          throw error
        }
        fs.rmSync(old, { recursive: true, force: true })
      } else {
        fs.renameSync(dir, target)
      }
      committed = true
    },
    discard: () => {
      if (!committed) fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

/**
 * An existing empty folder may be filled; a folder with something in it needs `force` and must
 * be an export of Galley's (its marker, and only an export's files); a file is never replaced.
 */
function checkTarget(target: string, force: boolean): void {
  let stat: fs.Stats
  try {
    stat = fs.statSync(target)
  } catch {
    // Nothing there yet: the export creates it.
    return
  }
  if (!stat.isDirectory()) throw new ExportError(`${target} exists and is not a folder`, 'exists')
  if (fs.readdirSync(target).length === 0) return
  if (!force) throw new ExportError(`${target} already exists and is not empty (use --force to replace it)`, 'exists')
  const reason = whyNotOurExport(target)
  if (reason) throw new ExportError(`${target} is not a folder galley export wrote (it ${reason}); --force replaces only such a folder`, 'exists')
}

const STAGING = /^\.(.+)\.(partial|old)-(\d+)-[0-9a-f]{8}$/

/**
 * Removes the staging folders of exports whose process is gone (killed, crashed, the app quit).
 * A live process's folders, this one's included, are left alone, and so is anything not plainly
 * Galley's. An `.old-` folder is an export moved aside for its replacement: it goes only once the
 * replacement is in place, else it is the only copy.
 */
export function sweepAbandoned(parent: string): void {
  sweepAbandonedEntries(parent, STAGING, 3, (dir, match) => {
    if (match[2] === 'old' && !fs.existsSync(path.join(parent, match[1]!))) return
    if (!fs.lstatSync(dir).isDirectory()) return
    const ours = match[2] === 'old' ? whyNotOurExport(dir) === null : isOurStaging(dir)
    if (ours) fs.rmSync(dir, { recursive: true, force: true })
  })
}
