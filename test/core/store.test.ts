import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase, schemaVersion, StoreError } from '../../src/core/store/database'
import { LATEST_VERSION } from '../../src/core/store/migrations'
import { tempDir } from '../support/tmp'

describe('store', () => {
  it('migrates an empty file to the latest schema, with WAL and foreign keys', () => {
    const file = path.join(tempDir(), 'new.db')
    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(LATEST_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all()
    for (const t of ['editions', 'pages', 'revisions', 'articles', 'suggestions', 'corrections', 'protected_terms', 'page_search']) {
      expect(tables).toContain(t)
    }
    db.close()
    // Opening again is a no-op.
    const again = openDatabase(file)
    expect(schemaVersion(again)).toBe(LATEST_VERSION)
    again.close()
  })

  it('refuses a database written by a newer Galley and leaves it untouched', () => {
    const file = path.join(tempDir(), 'future.db')
    const raw = new Database(file)
    raw.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY); CREATE TABLE revisions (id INTEGER PRIMARY KEY)')
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`)
    raw.close()
    const before = fs.readFileSync(file)
    expect(() => openDatabase(file)).toThrow(StoreError)
    expect(() => openDatabase(file)).toThrow(/newer Galley/)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    expect(fs.existsSync(file + '-wal')).toBe(false)
  })

  it("refuses to migrate somebody else's SQLite file", () => {
    const file = path.join(tempDir(), 'other.db')
    const raw = new Database(file)
    raw.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY)')
    raw.close()
    expect(() => openDatabase(file)).toThrow(/not a Galley database/)
  })

  it('says a damaged file is damaged', () => {
    const file = path.join(tempDir(), 'garbage.db')
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a))
    expect(() => openDatabase(file)).toThrow(StoreError)
  })

  it('keeps original text and revisions immutable at the database level', () => {
    const db = openDatabase(path.join(tempDir(), 'imm.db'))
    db.prepare("INSERT INTO editions (name, title, created_at) VALUES ('e', 'e', 'now')").run()
    db.prepare(
      "INSERT INTO pages (edition_id, label, page_order, source_name, sha256, encoding, byte_length, original_text, imported_at) VALUES (1, '1', 1, 'a.txt', 'h', 'utf-8', 3, 'abc', 'now')"
    ).run()
    expect(() => db.prepare("UPDATE pages SET original_text = 'x' WHERE id = 1").run()).toThrow(/immutable/)
    db.prepare("INSERT INTO revisions (page_id, text, author, reason, created_at) VALUES (1, 'abc', 'a', 'r', 'now')").run()
    expect(() => db.prepare("UPDATE revisions SET text = 'x' WHERE id = 1").run()).toThrow(/append-only/)
    db.close()
  })
})
