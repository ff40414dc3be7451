import type { Migration } from './migration'

// An edition's title and issue date and a page's label are now the editor's to set (API, CLI,
// workbench). Like a setting, a value out of shape is refused by the database itself, whoever
// writes it: a title and a label are non-empty single lines of at most 200 / 40 characters, an
// issue date is NULL or a real calendar day written YYYY-MM-DD (date() normalises 2024-02-31 to
// 2024-03-02, so comparing with it rejects that). Rows already stored are not rechecked.
const badEdition = `
  NEW.title IS NULL OR typeof(NEW.title) != 'text' OR length(trim(NEW.title)) = 0 OR length(NEW.title) > 200
  OR instr(NEW.title, char(10)) > 0
  OR (NEW.issue_date IS NOT NULL AND (typeof(NEW.issue_date) != 'text' OR NEW.issue_date NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
      OR date(NEW.issue_date) IS NOT NEW.issue_date))`
const badLabel = `
  typeof(NEW.label) != 'text' OR length(trim(NEW.label)) = 0 OR length(NEW.label) > 40 OR instr(NEW.label, char(10)) > 0`
const editionMessage = 'invalid edition: the title is one non-empty line of at most 200 characters, the issue date YYYY-MM-DD or none'
const labelMessage = 'invalid page label: one non-empty line of at most 40 characters'

export const m010EditionMetadata: Migration = {
  version: 10,
  name: 'edition-metadata',
  up: (db) => {
    db.exec(`
      CREATE TRIGGER editions_valid_on_insert BEFORE INSERT ON editions WHEN ${badEdition}
      BEGIN SELECT RAISE(ABORT, '${editionMessage}'); END;
      CREATE TRIGGER editions_valid_on_update BEFORE UPDATE OF title, issue_date ON editions WHEN ${badEdition}
      BEGIN SELECT RAISE(ABORT, '${editionMessage}'); END;
      CREATE TRIGGER pages_label_valid_on_update BEFORE UPDATE OF label ON pages WHEN ${badLabel}
      BEGIN SELECT RAISE(ABORT, '${labelMessage}'); END;
    `)
  }
}
