import type { ApiArgs } from '../../../shared/api'

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
export function loadPreferences(storage: Pick<Storage, 'getItem'> | null = safeStorage()): ExportPreferences {
  try {
    const raw = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<ExportPreferences> | null
    if (!raw || typeof raw !== 'object') return { ...DEFAULTS, formats: [...DEFAULTS.formats] }
    const formats = Array.isArray(raw.formats) ? EXPORT_FORMATS.filter((f) => raw.formats!.includes(f)) : []
    return {
      formats: formats.length > 0 ? formats : [...DEFAULTS.formats],
      includeUnapproved: raw.includeUnapproved === true,
      singleFile: raw.singleFile === true
    }
  } catch {
    // Unreadable or malformed preferences: the defaults, as on first use.
    return { ...DEFAULTS, formats: [...DEFAULTS.formats] }
  }
}

export function savePreferences(preferences: ExportPreferences, storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(preferences))
  } catch {
    // not remembered: the choice holds for this export
  }
}

function safeStorage(): Storage | null {
  try {
    return localStorage
  } catch {
    // Storage refused (private mode, a sandbox): nothing is remembered.
    return null
  }
}
