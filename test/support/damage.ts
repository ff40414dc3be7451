import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../../src/core/store/database'
import { backupTo, rollingBackupPath } from '../../src/core/store/backup'
import { importPaths } from '../../src/core/import/importer'
import { SAMPLES } from './tmp'

const identity = (text: string) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

/** A real database with the sample pages and, when `backupAt` is given, a rolling backup of it written then. */
export async function sampleDatabase(file: string, backupAt?: Date): Promise<string | null> {
  const db = openDatabase(file)
  try {
    await importPaths(db, [SAMPLES], { edition: '样例', propose: identity })
    return backupAt ? await backupTo(db, rollingBackupPath(file, 'daily', backupAt)) : null
  } finally {
    db.close()
  }
}

/**
 * Garbage over pages in the middle of the file, leaving the header and the schema readable: the
 * file still opens, and only reading those pages (or an integrity check) finds the damage.
 */
export function damagePages(file: string, firstPage = 10, pages = 3): void {
  const pageSize = 4096
  if (fs.statSync(file).size < (firstPage + pages) * pageSize) throw new Error(`${file} is too small to damage pages ${firstPage}–${firstPage + pages - 1}`)
  const fd = fs.openSync(file, 'r+')
  try {
    fs.writeSync(fd, Buffer.alloc(pages * pageSize, 0x5a), 0, pages * pageSize, firstPage * pageSize)
  } finally {
    fs.closeSync(fd)
  }
}

/** A sample database in `dir` with damaged pages, the backup written before the damage (when `backupAt` is given), and the damaged bytes. */
export async function damagedDatabase(dir: string, backupAt?: Date): Promise<{ file: string; backup: string | null; damaged: Buffer }> {
  const file = path.join(dir, 'galley.db')
  const backup = await sampleDatabase(file, backupAt)
  damagePages(file)
  return { file, backup, damaged: fs.readFileSync(file) }
}
