// What the app reports when it cannot use its database, so the UI can say why and offer the way
// back. Browser mode and the desktop app share it (core/services/session.ts).

/**
 * damaged: SQLite cannot read it or its integrity check fails; not-galley: another program's
 * file; newer-version: written by a newer Galley; cannot-open: no access to the file or folder.
 */
export type DatabaseProblem = 'damaged' | 'not-galley' | 'newer-version' | 'cannot-open'

export interface BackupInfo {
  file: string
  /** When the backup was written (ISO 8601). */
  createdAt: string
}

export interface RecoveryInfo {
  problem: DatabaseProblem
  /** One line naming the database and what is wrong with it. */
  message: string
  /** Whether putting a backup in its place answers the problem (not for a newer Galley's database, nor a file Galley may not read). */
  restorable: boolean
  /** The newest backup that is a sound Galley database, when restoring answers the problem; null when there is none. */
  backup: BackupInfo | null
}

export interface RestoreResult {
  /** The backup now in place; null when a second look found the database sound and nothing was changed. */
  restored: BackupInfo | null
  /** Where the damaged file was moved. */
  keptAside: string | null
}
