import type { Migration } from './migration'

// Typo detection costs more than the rest of an import: it runs as a pass of its own after
// the pages are stored. This records which revision a page's suggestions were computed on.
export const m004SuggestionState: Migration = {
  version: 4,
  name: 'suggestion-state',
  up: (db) => {
    db.exec('ALTER TABLE pages ADD COLUMN suggestions_revision_id INTEGER')
    db.exec('UPDATE pages SET suggestions_revision_id = current_revision_id')
  }
}
