import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPaths } from '../../src/core/import/importer'
import { mediaFolder } from '../../src/core/media/mediaStore'
import { backupTo, restoreFrom, rollingBackup } from '../../src/core/store/backup'
import { scansFolderOf } from '../../src/core/store/backupScans'
import { openDatabase } from '../../src/core/store/database'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { tempDir } from '../support/tmp'

const OCR = path.resolve(__dirname, '../fixtures/ocr')
const P3 = '示例晚报_2026-03-05_03版'
const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

function listMedia(folder: string): string[] {
  if (!fs.existsSync(folder)) return []
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((f) => /\.(jpg|png)$/.test(f)).sort()
}

describe('backups carry the page scans', () => {
  it('a backup written elsewhere takes the scans along, and a restore on another machine puts them back', async () => {
    const input = tempDir()
    fs.copyFileSync(path.join(OCR, `${P3}.alto.xml`), path.join(input, `${P3}.alto.xml`))
    fs.copyFileSync(path.join(OCR, `${P3}.jpg`), path.join(input, `${P3}.jpg`))
    const home = tempDir()
    const dbFile = path.join(home, 'galley.db')
    const db = openDatabase(dbFile)
    expect((await importPaths(db, [input], { propose: identity, edition: '备份' })).imported).toBe(1)
    const live = listMedia(mediaFolder(dbFile))
    expect(live).toHaveLength(1)

    // a rolling backup shares media/: nothing is copied
    const rolling = await rollingBackup(db, dbFile, 'test', 5)
    expect(fs.existsSync(scansFolderOf(rolling))).toBe(false)

    // a backup elsewhere carries its scans
    const away = path.join(tempDir(), 'copy.db')
    await backupTo(db, away)
    db.close()
    expect(listMedia(scansFolderOf(away))).toEqual(live)

    // restored where there is no media/ yet: the scans come back, byte for byte
    const other = path.join(tempDir(), 'galley.db')
    openDatabase(other).close()
    restoreFrom(other, away)
    expect(listMedia(mediaFolder(other))).toEqual(live)
    const name = live[0]!
    expect(fs.readFileSync(path.join(mediaFolder(other), name)).equals(fs.readFileSync(path.join(mediaFolder(dbFile), name)))).toBe(true)
  })

  it('a damaged scan beside a backup is not restored', async () => {
    const input = tempDir()
    fs.copyFileSync(path.join(OCR, `${P3}.alto.xml`), path.join(input, `${P3}.alto.xml`))
    fs.copyFileSync(path.join(OCR, `${P3}.jpg`), path.join(input, `${P3}.jpg`))
    const dbFile = path.join(tempDir(), 'galley.db')
    const db = openDatabase(dbFile)
    await importPaths(db, [input], { propose: identity, edition: '备份' })
    const away = path.join(tempDir(), 'copy.db')
    await backupTo(db, away)
    db.close()
    const copied = path.join(scansFolderOf(away), listMedia(scansFolderOf(away))[0]!)
    fs.rmSync(copied)
    fs.writeFileSync(copied, 'not the scan')
    const other = path.join(tempDir(), 'galley.db')
    openDatabase(other).close()
    restoreFrom(other, away)
    expect(listMedia(mediaFolder(other))).toEqual([])
  })
})
