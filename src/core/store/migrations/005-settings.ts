import type { Migration } from './migration'

// The settings table has been in the schema since the first step but held nothing; Galley now
// keeps the user's settings there. Like an original page text, a setting out of range is refused
// by the database itself, whoever writes it. Keys Galley does not know are left alone.
const invalid = `
  (NEW.key = 'backupsToKeep' AND NOT (
     typeof(NEW.value) = 'text' AND NEW.value GLOB '[1-9]*' AND NEW.value NOT GLOB '*[^0-9]*'
     AND length(NEW.value) <= 3 AND CAST(NEW.value AS INTEGER) BETWEEN 1 AND 100))
  OR (NEW.key = 'locale' AND NEW.value NOT IN ('zh-CN', 'en'))`

export const m005Settings: Migration = {
  version: 5,
  name: 'settings',
  up: (db) => {
    db.exec(`
      CREATE TRIGGER settings_valid_on_insert BEFORE INSERT ON settings WHEN ${invalid}
      BEGIN SELECT RAISE(ABORT, 'invalid setting: backupsToKeep is a whole number from 1 to 100, locale is zh-CN or en'); END;
      CREATE TRIGGER settings_valid_on_update BEFORE UPDATE ON settings WHEN ${invalid}
      BEGIN SELECT RAISE(ABORT, 'invalid setting: backupsToKeep is a whole number from 1 to 100, locale is zh-CN or en'); END;
    `)
  }
}
