import type { Migration } from './migration'

// Person names seen on each page (bylines, photo credits), so that spellings can be compared
// across an edition and the whole store without reading every page again.
export const m003Names: Migration = {
  version: 3,
  name: 'names',
  up: (db) => {
    db.exec(`
      CREATE TABLE page_names (
        page_id INTEGER NOT NULL REFERENCES pages(id),
        name TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (page_id, name)
      ) WITHOUT ROWID;
      CREATE INDEX page_names_by_name ON page_names(name);
    `)
  }
}
