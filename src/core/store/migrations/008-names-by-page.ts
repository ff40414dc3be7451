import type { Migration } from './migration'

// Names are only ever counted over the whole store, which reads every row anyway: the index by
// name cost every import five index entries a page and served no query.
export const m008NamesByPage: Migration = {
  version: 8,
  name: 'names-by-page',
  up: (db) => {
    db.exec('DROP INDEX page_names_by_name')
  }
}
