import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Db } from './database'
import { EXTENSION, type ImageType } from '../media/imageInfo'
import { mediaFolder } from '../media/mediaStore'
import { copyDerived } from '../media/derive'

// Page scans live beside the database in media/, named by their SHA-256, never changed or
// removed: every rolling backup in backups/ beside the same media/ finds its scans there. A
// backup written elsewhere carries the scans it names in `<backup>.media/` (same layout), and a
// restore puts back the ones the live media/ lacks, each checked against its hash. What Galley
// derived from a large scan (its preview and Deep Zoom tiles, media/derive.ts) goes with it, so a
// restored store opens its scans as fast as before; it is never checked by a hash (it has none),
// and a restore puts it back only beside a scan that is there.

function relative(sha256: string, type: ImageType): string {
  return path.join(sha256.slice(0, 2), `${sha256}.${EXTENSION[type]}`)
}

function scansNamedBy(db: Db): { sha256: string; mediaType: ImageType }[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'page_images'").get()
  if (!has) return []
  return db.prepare('SELECT DISTINCT sha256, media_type AS mediaType FROM page_images').all() as { sha256: string; mediaType: ImageType }[]
}

export function scansFolderOf(backupFile: string): string {
  return `${path.resolve(backupFile)}.media`
}

/** Beside a backup written away from the database's own folder: the scans it names. */
export function copyScansBeside(db: Db, databasePath: string, backupFile: string): number {
  const live = mediaFolder(databasePath)
  // the rolling backups in backups/ share the database's own media/
  if (path.dirname(path.resolve(backupFile)) === path.join(path.dirname(path.resolve(databasePath)), 'backups')) return 0
  const scans = scansNamedBy(db)
  if (scans.length === 0) return 0
  const target = scansFolderOf(backupFile)
  let copied = 0
  for (const scan of scans) {
    const from = path.join(live, relative(scan.sha256, scan.mediaType))
    const to = path.join(target, relative(scan.sha256, scan.mediaType))
    if (fs.existsSync(from)) copyDerived(live, target, scan.sha256)
    if (fs.existsSync(to) || !fs.existsSync(from)) continue
    fs.mkdirSync(path.dirname(to), { recursive: true })
    // a copy (a reflink where the file system has them), never a hard link: whatever happens to
    // the backup's files must not reach the live scans
    const partial = `${to}.partial`
    fs.copyFileSync(from, partial, fs.constants.COPYFILE_FICLONE)
    fs.renameSync(partial, to)
    copied++
  }
  return copied
}

/**
 * After a restore: the scans the restored database names that the live media/ lacks, from
 * beside the backup. Returns the hashes still missing (none when all are there).
 */
export function restoreScans(databasePath: string, backupFile: string): string[] {
  const db = new Database(backupFile, { readonly: true, fileMustExist: true })
  let scans: { sha256: string; mediaType: ImageType }[]
  try {
    scans = scansNamedBy(db)
  } finally {
    db.close()
  }
  const live = mediaFolder(databasePath)
  const missing: string[] = []
  for (const scan of scans) {
    const rel = relative(scan.sha256, scan.mediaType)
    const to = path.join(live, rel)
    if (fs.existsSync(to)) {
      copyDerived(scansFolderOf(backupFile), live, scan.sha256)
      continue
    }
    const from = path.join(scansFolderOf(backupFile), rel)
    if (!fs.existsSync(from) || createHash('sha256').update(fs.readFileSync(from)).digest('hex') !== scan.sha256) {
      missing.push(scan.sha256)
      continue
    }
    fs.mkdirSync(path.dirname(to), { recursive: true })
    const partial = `${to}.partial`
    fs.copyFileSync(from, partial)
    fs.renameSync(partial, to)
    copyDerived(scansFolderOf(backupFile), live, scan.sha256)
  }
  return missing
}
