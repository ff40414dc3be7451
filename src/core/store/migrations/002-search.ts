import type { Migration } from './migration'

// Chinese has no spaces, so FTS5's word tokenizers see a whole sentence as one token and the
// trigram tokenizer cannot match one- or two-character words. The working text is indexed
// with every CJK character as a token of its own (see store/searchText.ts), and a query
// becomes a phrase of characters: any substring of any length matches, using the index.
// Contentless: the text already lives in revisions.
export const m002Search: Migration = {
  version: 2,
  name: 'search',
  up: (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE page_search USING fts5(
        body,
        content = '',
        contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 0",
        detail = full
      );
    `)
  }
}
