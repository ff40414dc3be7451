import type { Migration } from './migration'

// The whole domain in one first step: editions, pages with their untouched original text,
// revisions of the working text, the proposal's articles, suggestions and the editor's dictionary.
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE publications (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE editions (
        id INTEGER PRIMARY KEY,
        publication_id INTEGER REFERENCES publications(id),
        name TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        issue_date TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        edition_id INTEGER NOT NULL REFERENCES editions(id),
        label TEXT NOT NULL,
        page_order INTEGER NOT NULL,
        source_name TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        encoding TEXT NOT NULL,
        byte_length INTEGER NOT NULL,
        original_text TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'approved')),
        current_revision_id INTEGER
      );
      CREATE INDEX pages_by_edition ON pages(edition_id, page_order, source_name);

      -- Originals must never change: the database itself refuses it.
      CREATE TRIGGER pages_original_is_immutable BEFORE UPDATE OF original_text, sha256, encoding ON pages
      BEGIN SELECT RAISE(ABORT, 'the original page text is immutable'); END;

      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        parent_id INTEGER REFERENCES revisions(id),
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX revisions_by_page ON revisions(page_id, id);
      CREATE TRIGGER revisions_are_append_only BEFORE UPDATE ON revisions
      BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        ord INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('article', 'caption', 'fragment', 'furniture')),
        start_line INTEGER NOT NULL,
        end_line INTEGER NOT NULL,
        kicker TEXT,
        title TEXT NOT NULL DEFAULT '',
        title_override TEXT,
        subtitle TEXT,
        byline TEXT,
        body_json TEXT NOT NULL DEFAULT '{}',
        flags_json TEXT NOT NULL DEFAULT '[]',
        confidence REAL NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
        source TEXT NOT NULL DEFAULT 'analysis' CHECK (source IN ('analysis', 'editor')),
        analyzer_version INTEGER NOT NULL DEFAULT 0,
        revision_id INTEGER REFERENCES revisions(id),
        updated_at TEXT NOT NULL
      );
      CREATE INDEX articles_by_page ON articles(page_id, ord);

      CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        revision_id INTEGER NOT NULL REFERENCES revisions(id),
        rule TEXT NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        original TEXT NOT NULL,
        replacement TEXT NOT NULL,
        confidence REAL NOT NULL,
        message TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected', 'stale')),
        decided_at TEXT
      );
      CREATE INDEX suggestions_by_page ON suggestions(page_id, status, start_offset);

      CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        original TEXT NOT NULL,
        replacement TEXT NOT NULL,
        context_before TEXT NOT NULL DEFAULT '',
        context_after TEXT NOT NULL DEFAULT '',
        page_id INTEGER REFERENCES pages(id),
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
        created_at TEXT NOT NULL
      );
      CREATE INDEX corrections_by_original ON corrections(original, decision);

      CREATE TABLE protected_terms (
        term TEXT PRIMARY KEY,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `)
  }
}
