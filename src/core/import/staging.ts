import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { sweepAbandonedEntries } from '../processes'
import { log } from '../log'

// An upload waits on disk, not in memory, until the import takes it: the window sends a large
// import in many requests (thousands of pages, their scans), and the import must see all of it
// at once (the edition evidence of its pages, a page's scan sent in another request). Files go
// to a hidden folder beside the database named for this process, with a marker written first;
// the job removes it when it ends, and a later upload removes those of processes that are gone.

const MARKER = '.galley-import'
const STAGING = /^\.galley-import-(\d+)-[0-9a-f]{8}$/

export interface StagedFile {
  /** The file on disk. */
  path: string
  name: string
  /** The folder the window named (its picked or dropped folder), as sent. */
  folder: string
}

export interface Staging {
  readonly dir: string
  /** Writes a file of the upload; refuses a name given twice in one folder. */
  add: (name: string, folder: string, bytes: Uint8Array) => Promise<StagedFile>
  /** Removes the folder and everything in it (all of it written here). */
  remove: () => void
}

function parentOf(databasePath: string): string {
  return databasePath === '' || databasePath === ':memory:' ? os.tmpdir() : path.dirname(path.resolve(databasePath))
}

export function openStaging(databasePath: string): Staging {
  const parent = parentOf(databasePath)
  sweepStaging(parent)
  const dir = path.join(parent, `.galley-import-${process.pid}-${randomBytes(4).toString('hex')}`)
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, MARKER), 'an upload waiting for its import; removed by Galley when the import ends\n')
  // The window's folder names are never paths here: each distinct folder gets a numbered one.
  const folders = new Map<string, string>()
  const folderDir = (folder: string): string => {
    let sub = folders.get(folder)
    if (!sub) {
      sub = path.join(dir, String(folders.size + 1))
      fs.mkdirSync(sub)
      folders.set(folder, sub)
    }
    return sub
  }
  return {
    dir,
    add: async (name, folder, bytes) => {
      const file = path.join(folderDir(folder), name)
      try {
        await fs.promises.writeFile(file, bytes, { flag: 'wx' })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`the upload holds ${name} twice in one folder`, { cause: error })
        throw error
      }
      return { path: file, name, folder }
    },
    remove: () => {
      try {
        fs.rmSync(dir, { recursive: true, force: true })
      } catch (error) {
        log.warn(`could not remove the upload folder ${dir}; the next upload removes it`, error)
      }
    }
  }
}

/** A name the window gave that can be a file's name here, or null. */
export function stagedName(name: string): string | null {
  const base = path.basename(name.replace(/\\/g, '/'))
  if (base === '' || base === '.' || base === '..' || base.includes('\0')) return null
  return base
}

/** Removes the upload folders of processes that are gone (killed, crashed, quit mid-upload). */
export function sweepStaging(parent: string): void {
  sweepAbandonedEntries(parent, STAGING, 1, (dir) => {
    // Only a folder carrying the marker: anything else of that name is not Galley's to remove.
    if (!fs.lstatSync(dir).isDirectory() || !fs.existsSync(path.join(dir, MARKER))) return
    fs.rmSync(dir, { recursive: true, force: true })
  })
}
