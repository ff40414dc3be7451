import type { Db } from '../store/database'
import { largePageImages } from '../store/queries/scans'
import { mediaFolder, PREVIEW_MIN_PIXELS } from '../media/mediaStore'
import { queueDerivations } from '../media/derivations'

// The store's large scans get their preview and tile pyramid in the background (media/derive.ts):
// after every import, and when the app opens a store (one imported by an older Galley, or whose
// job was interrupted). Only the missing ones are queued.

/** Queues the store's large scans that lack derived files; returns how many. */
export function deriveStoredScans(db: Db, databasePath: string = db.name): number {
  if (!databasePath || databasePath === ':memory:') return 0
  return queueDerivations(mediaFolder(databasePath), largePageImages(db, PREVIEW_MIN_PIXELS))
}
