import type { ApiArgs } from '../../../shared/api'
import { browserStorage, readStored, writeStored } from './storedPreferences'

// What the export dialog remembers between exports, in this browser profile.

export type ExportFormat = ApiArgs<'startExport'>['formats'][number]
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'md', 'txt', 'html', 'nitf', 'alto', 'page', 'tei']

export interface ExportPreferences {
  formats: ExportFormat[]
  includeUnapproved: boolean
  singleFile: boolean
}

const STORAGE_KEY = 'galley-export'
/** The archive formats (ALTO, PAGE, TEI) are asked for, not written by default. */
const DEFAULTS: ExportPreferences = { formats: ['json', 'md', 'txt', 'html', 'nitf'], includeUnapproved: false, singleFile: false }

/** The last choices, or the defaults; whatever storage holds is checked, never trusted. */
export function loadPreferences(storage: Pick<Storage, 'getItem'> | null = browserStorage()): ExportPreferences {
  const raw = readStored(STORAGE_KEY, storage) as Partial<ExportPreferences> | null
  if (!raw || typeof raw !== 'object') return { ...DEFAULTS, formats: [...DEFAULTS.formats] }
  const formats = Array.isArray(raw.formats) ? EXPORT_FORMATS.filter((f) => raw.formats!.includes(f)) : []
  return {
    formats: formats.length > 0 ? formats : [...DEFAULTS.formats],
    includeUnapproved: raw.includeUnapproved === true,
    singleFile: raw.singleFile === true
  }
}

export function savePreferences(preferences: ExportPreferences, storage: Pick<Storage, 'setItem'> | null = browserStorage()): void {
  writeStored(STORAGE_KEY, preferences, storage)
}
