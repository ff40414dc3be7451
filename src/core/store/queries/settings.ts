import type { Db } from '../database'
import { stmt } from '../statements'
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/settings'

// One row a setting in the key/value table; a missing row is the default. Read before
// migrating too (the table exists from the first schema), so it never assumes the latest one.

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]

export function readSettings(db: Db): Settings {
  const rows = stmt(db, `SELECT key, value FROM settings WHERE key IN (${KEYS.map(() => '?').join(', ')})`).all(...KEYS) as { key: keyof Settings; value: string }[]
  const settings: Settings = { ...DEFAULT_SETTINGS }
  for (const { key, value } of rows) {
    // A value written by hand before the database checked them is ignored rather than trusted.
    const parsed = settingsSchema.shape[key].safeParse(key === 'backupsToKeep' ? Number(value) : value)
    if (parsed.success) Object.assign(settings, { [key]: parsed.data })
  }
  return settings
}

/** Writes the given settings in one transaction; null removes a setting (back to its default). */
export function writeSettings(db: Db, patch: Partial<Settings>): Settings {
  db.transaction(() => {
    for (const key of KEYS) {
      if (!(key in patch) || patch[key] === undefined) continue
      const value = patch[key]
      if (value === null) stmt(db, 'DELETE FROM settings WHERE key = ?').run(key)
      else stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, String(value))
    }
  }).immediate()
  return readSettings(db)
}

export function backupsToKeep(db: Db): number {
  return readSettings(db).backupsToKeep
}
