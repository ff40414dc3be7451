import type { Migration } from './migration'

// A page's status sits after its original text in the row, so a query that filters on it read
// every page's text off its overflow pages: counting the approved pages (asked before every open
// and save, to know whether the learnt knowledge changed) took 78 ms at 10,000 pages, as did the
// approved text of a publication and each edition's approved count. With this index they are
// answered from the index alone (0.01 ms for the count).
export const m011PagesByStatus: Migration = {
  version: 11,
  name: 'pages-by-status',
  up: (db) => {
    db.exec('CREATE INDEX pages_by_status ON pages(status, edition_id)')
  }
}
