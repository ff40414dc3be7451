import type { Migration } from './migration'

// A page's first revision is its original text, which the page row already holds (and may never
// change): an import wrote it twice. Revisions now live in revision_rows, where such a revision
// is marked is_original and keeps no copy; `revisions` is a view that reads every revision's text
// from wherever it is, so readers are unchanged. Revisions stored before stay as they are.
export const m006OriginalRevisions: Migration = {
  version: 6,
  name: 'original-revisions',
  up: (db) => {
    db.exec(`
      ALTER TABLE revisions RENAME TO revision_rows;
      ALTER TABLE revision_rows ADD COLUMN is_original INTEGER NOT NULL DEFAULT 0 CHECK (is_original IN (0, 1));
      CREATE TRIGGER revision_rows_original_keeps_no_copy BEFORE INSERT ON revision_rows
      WHEN NEW.is_original = 1 AND NEW.text != ''
      BEGIN SELECT RAISE(ABORT, 'a revision that is the original text keeps no copy of it'); END;
      CREATE VIEW revisions AS
        SELECT r.id, r.page_id, r.parent_id,
               CASE WHEN r.is_original = 1 THEN p.original_text ELSE r.text END AS text,
               r.author, r.reason, r.created_at
          FROM revision_rows r JOIN pages p ON p.id = r.page_id;
    `)
  }
}
