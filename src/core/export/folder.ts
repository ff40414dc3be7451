import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { ExportError } from './types'

// An export is written into a hidden folder beside its destination and renamed into place
// once complete: a failed export leaves nothing half-written, and a reader never sees a
// partial folder. Renames within one parent folder are atomic on every supported system.

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
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`
  const dir = path.join(parent, `.${base}.partial-${tag}`)
  fs.mkdirSync(dir)
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

/** An existing empty folder may be filled; anything else needs `force`, and a file is never replaced. */
function checkTarget(target: string, force: boolean): void {
  let stat: fs.Stats
  try {
    stat = fs.statSync(target)
  } catch {
    return
  }
  if (!stat.isDirectory()) throw new ExportError(`${target} exists and is not a folder`, 'exists')
  if (!force && fs.readdirSync(target).length > 0) {
    throw new ExportError(`${target} already exists and is not empty (use --force to replace it)`, 'exists')
  }
}
