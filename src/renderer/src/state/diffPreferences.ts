// How the editor likes the diff, in this browser profile: what the working text is compared
// with (the original page, or the proposal after the automatic fixes, where only the editor's
// own changes show), and side by side or inline (the working text takes the whole width).

import { browserStorage, readStored, writeStored } from './storedPreferences'

export type DiffBase = 'original' | 'proposal'

export interface DiffPreferences {
  base: DiffBase
  inline: boolean
}

const STORAGE_KEY = 'galley-diff'

export function loadDiffPreferences(storage: Pick<Storage, 'getItem'> | null = browserStorage()): DiffPreferences {
  const raw = readStored(STORAGE_KEY, storage) as Partial<DiffPreferences> | null
  return { base: raw?.base === 'proposal' ? 'proposal' : 'original', inline: raw?.inline === true }
}

export function saveDiffPreferences(prefs: DiffPreferences, storage: Pick<Storage, 'setItem'> | null = browserStorage()): void {
  writeStored(STORAGE_KEY, prefs, storage)
}
