import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase, schemaVersion, StoreError } from '../../src/core/store/database'
import { LATEST_VERSION, migrations } from '../../src/core/store/migrations'
import { listBackups } from '../../src/core/store/backup'
import { addRevision, currentText, listRevisions } from '../../src/core/store/queries/revisions'
import { tempDir } from '../support/tmp'

/** A store as schema `version` left it, with one page and what `sql` adds; the caller closes it. */
function storeAtVersion(file: string, version: number, sql: string): Database.Database {
  const raw = new Database(file)
  raw.pragma('foreign_keys = ON')
  for (const m of migrations.filter((m) => m.version <= version)) m.up(raw)
  raw.pragma(`user_version = ${version}`)
  raw.exec(`
      INSERT INTO editions (name, title, created_at) VALUES ('e', 'e', 'now');
      INSERT INTO pages (edition_id, label, page_order, source_name, sha256, encoding, byte_length, original_text, imported_at)
        VALUES (1, '1', 1, 'a.txt', 'h', 'utf-8', 6, '原文', 'now');
  `)
  raw.exec(sql)
  return raw
}

describe('store', () => {
  it('migrates an empty file to the latest schema, with WAL and foreign keys', () => {
    const file = path.join(tempDir(), 'new.db')
    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(LATEST_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").pluck().all()
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
    db.prepare("INSERT INTO revision_rows (page_id, text, author, reason, created_at) VALUES (1, 'abc', 'a', 'r', 'now')").run()
    expect(() => db.prepare("UPDATE revision_rows SET text = 'x' WHERE id = 1").run()).toThrow(/append-only/)
    // Revisions are read through a view, which takes no writes at all.
    expect(() => db.prepare("UPDATE revisions SET text = 'x' WHERE id = 1").run()).toThrow(/view/)
    // A revision that is the original refers to the page's text and cannot carry another.
    db.prepare("INSERT INTO revision_rows (page_id, text, is_original, author, reason, created_at) VALUES (1, '', 1, 'a', 'import', 'now')").run()
    expect(db.prepare('SELECT text FROM revisions WHERE id = 2').pluck().get()).toBe('abc')
    expect(() => db.prepare("INSERT INTO revision_rows (page_id, text, is_original, author, reason, created_at) VALUES (1, 'x', 1, 'a', 'r', 'now')").run()).toThrow(/keeps no copy/)
    db.close()
  })

  it('moves a schema-5 store to revision rows behind a view: old revisions read the same, references hold, new imports keep no copy', () => {
    const file = path.join(tempDir(), 'v5.db')
    storeAtVersion(file, 5, `
      INSERT INTO revisions (page_id, parent_id, text, author, reason, created_at) VALUES (1, NULL, '原文', 'galley', 'import', 'now');
      INSERT INTO revisions (page_id, parent_id, text, author, reason, created_at) VALUES (1, 1, '改后', 'editor', 'edit', 'now');
      UPDATE pages SET current_revision_id = 2 WHERE id = 1;
      INSERT INTO articles (page_id, ord, kind, start_line, end_line, revision_id, updated_at) VALUES (1, 0, 'article', 0, 1, 2, 'now');
    `).close()

    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(LATEST_VERSION)
    expect(listBackups(file).some((b) => b.includes('before-v'))).toBe(true)
    expect(listRevisions(db, 1).map((r) => [r.reason, r.length])).toEqual([['edit', 2], ['import', 2]])
    expect(currentText(db, 1)).toBe('改后')
    // The articles' and suggestions' references now name the table, and still hold.
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(() => db.prepare("INSERT INTO articles (page_id, ord, kind, start_line, end_line, revision_id, updated_at) VALUES (1, 1, 'article', 0, 1, 99, 'now')").run()).toThrow(/FOREIGN KEY/)

    // A new original revision is a reference: no copy of the text in its row.
    const id = db.transaction(() => addRevision(db, { pageId: 1, text: '原文', author: 'galley', reason: 'restore', isOriginal: true }))()
    expect(db.prepare('SELECT text, is_original FROM revision_rows WHERE id = ?').get(id)).toEqual({ text: '', is_original: 1 })
    expect(currentText(db, 1)).toBe('原文')
    db.close()
  })

  it('moves a schema-6 store to merging the search index at sixteen segments, and names without an index by name; searches and name counts read the same', () => {
    const file = path.join(tempDir(), 'v6.db')
    const raw = storeAtVersion(file, 6, `
      INSERT INTO page_names (page_id, name, count) VALUES (1, '王小明', 2);
      INSERT INTO page_search (rowid, body) VALUES (1, '原 文');
    `)
    const automerge = (db: Database.Database): unknown => db.prepare("SELECT v FROM page_search_config WHERE k = 'automerge'").pluck().get()
    expect(automerge(raw)).toBeUndefined()
    raw.close()

    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(LATEST_VERSION)
    expect(automerge(db)).toBe(16)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'page_names_by_name'").get()).toBeUndefined()
    expect(db.prepare("SELECT rowid FROM page_search WHERE page_search MATCH '原'").pluck().all()).toEqual([1])
    expect(db.prepare('SELECT name, SUM(count) AS n FROM page_names GROUP BY name').all()).toEqual([{ name: '王小明', n: 2 }])
    db.close()
  })
})
