import fs from 'node:fs'
import path from 'node:path'

/**
 * Whether a process of this machine is still running: a hidden file or folder named for its
 * process (an export's or a backup's work in progress) is left alone while it is. This process
 * counts as alive.
 */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, it is somebody else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The entries of `parent` whose name (matched by `pattern`, the process id in group `pidGroup`)
 * says they are the work in progress of a process that is gone: each is handed to `sweep`, which
 * judges whether it is Galley's to remove. A missing folder has none.
 */
export function sweepAbandonedEntries(parent: string, pattern: RegExp, pidGroup: number, sweep: (entry: string, match: RegExpExecArray) => void): void {
  let names: string[]
  try {
    names = fs.readdirSync(parent)
  } catch {
    // No such folder: nothing abandoned in it.
    return
  }
  for (const name of names) {
    const match = pattern.exec(name)
    if (!match || isProcessAlive(Number(match[pidGroup]))) continue
    try {
      sweep(path.join(parent, name), match)
    } catch {
      // gone meanwhile, or unreadable: not ours to force
    }
  }
}
