import path from 'node:path'
import { ApiError, apiMethods, type ApiMethod, type Handlers } from '../../shared/api'
import type { RecoveryInfo, RestoreResult } from '../../shared/recovery'
import { StoreError, type Db, type OpenOptions } from '../store/database'
import { backupIfDue, restoreFrom, rollingBackup } from '../store/backup'
import type { ImportJob, ImportReport } from '../../shared/types'
import { importFromPaths } from './importing'
import type { PathImportOptions } from './local'
import { log } from '../log'
import { logToFile } from '../logFile'
import { openChecked, recoveryInfo } from '../store/recovery'
import type { Proposer } from '../pipeline/proposal'
import { VERSION } from '../version'
import { loadTypoModel } from '../typos'
import { createServices } from '.'
import type { ImportJobs } from './importJobs'
import { callWorker, type CallWorker } from './callWorker'
import { deriveStoredScans } from './scanDerivation'
import { closeReproposalPool } from '../learning/reproposalPool'

const HOUR = 3600 * 1000
/** How long after the store opens its large scans lacking previews and tiles are queued (not while the window starts). */
const DERIVE_AFTER_MS = 5000

// The app's hold on its database, for the desktop shell and browser mode alike. A database that
// cannot be used does not stop the app: it starts in recovery, where appInfo says what is wrong
// and which backup could take its place, and only the editor's restoreNewestBackup replaces it
// (the damaged file is kept aside). Then the same handlers serve the restored database.

export interface AppSessionOptions {
  databasePath: string
  mode: 'desktop' | 'browser'
  /** The proposer for imports into a database; without it, the standard analysis (see ServiceContext). */
  proposer?: (db: Db) => Proposer
  open?: OpenOptions
  /** Runs each time a database is opened and found sound: at start, and after a restore. */
  onOpen?: (db: Db) => void
  /**
   * The app's backups (desktop and browser mode alike): a daily one when the newest is older than
   * a day (at open, then checked hourly), and one on quit. The one before a migration is taken
   * by the store whenever it migrates (store/database.ts).
   */
  backups?: boolean
  /** Log to galley.log beside the database (the app, desktop or browser mode) instead of stderr. */
  logFile?: boolean
}

export interface AppSession {
  /** Stable for the session's life, whichever database is behind it. */
  readonly handlers: Handlers
  /** The open database, null while in recovery. */
  db: () => Db | null
  recovery: () => RecoveryInfo | null
  /** Imports files and folders named on this machine, with the suggestion pass at the end; null while in recovery. */
  importFromPaths: (paths: readonly string[], options?: PathImportOptions) => Promise<ImportReport | null>
  /**
   * The same as a job (the shell's menu): the window follows it with importStatus and may
   * cancel it, as it does its own uploads; null while in recovery.
   */
  startImportFromPaths: (paths: readonly string[], options?: { edition?: string }) => ImportJob | null
  /** Closes the database without a backup. */
  close: () => void
  /** The on-quit backup (with `backups`), then close. Never rejects: a failed backup is logged. */
  quit: () => Promise<void>
}

export function openAppSession(options: AppSessionOptions): AppSession {
  const { databasePath, mode } = options
  if (options.logFile) logToFile(databasePath)
  let open: { db: Db; handlers: Handlers; imports: ImportJobs; longCalls: CallWorker | null } | null = null
  let recovery: RecoveryInfo | null = null

  const look = (): void => {
    const opened = openChecked(databasePath, options.open)
    if (!opened.ok) {
      recovery = recoveryInfo(databasePath, opened)
      return
    }
    const db = opened.db
    const propose = options.proposer?.(db)
    // Giant saves run beside the thread that answers the window (see callWorker.ts).
    const longCalls = databasePath === ':memory:' ? null : callWorker({ databasePath, mode, open: options.open ?? {} })
    const services = createServices({ db, databasePath, mode, ...(propose ? { propose } : {}), ...(longCalls ? { longCalls } : {}) })
    open = { db, handlers: services.handlers, imports: services.imports, longCalls }
    recovery = null
    options.onOpen?.(db)
    if (options.backups) dailyBackup()
    setTimeout(() => {
      if (open?.db !== db || !db.open) return
      try {
        deriveStoredScans(db, databasePath)
      } catch (error) {
        log.warn(`large scans of ${databasePath}: previews and tiles not queued`, error)
      }
    }, DERIVE_AFTER_MS).unref()
  }

  const dailyBackup = (): void => {
    const db = open?.db
    if (!db) return
    backupIfDue(db, databasePath).catch((error: unknown) => log.warn(`daily backup of ${databasePath} failed: ${(error as Error).message}`))
  }
  const daily = options.backups ? setInterval(dailyBackup, HOUR) : null
  daily?.unref()

  const restore = (backup: string): RestoreResult => {
    // Look again: the file may have been repaired, or the backups changed, since the editor was told.
    look()
    if (open) return { restored: null, keptAside: null }
    const info = recovery!
    if (!info.restorable) throw new ApiError('conflict', `restoreNewestBackup: a backup does not answer this: ${info.message}`)
    if (!info.backup) throw new ApiError('not-found', `restoreNewestBackup: there is no good backup of ${databasePath}`)
    if (path.resolve(info.backup.file) !== path.resolve(backup)) {
      throw new ApiError('conflict', `restoreNewestBackup: the newest good backup is now ${info.backup.file}, not ${backup}`)
    }
    let keptAside: string | null
    try {
      keptAside = restoreFrom(databasePath, info.backup.file).keptAside
    } catch (error) {
      // Another process has the file open (a second window, galley serve, a command): the editor closes it and tries again.
      if (error instanceof StoreError && error.code === 'in-use') throw new ApiError('conflict', `restoreNewestBackup: ${error.message}`)
      throw error
    }
    look()
    if (!open) throw new ApiError('failed', `restoreNewestBackup: the restored database cannot be used either: ${recovery!.message}`)
    return { restored: info.backup, keptAside }
  }

  look()

  // The typo model is read on first use (a second or so on a busy machine): once the editor
  // opens a page, read it while they read the page, so that their first save does not wait.
  let warmed = false
  const warmForEditing = (): void => {
    if (warmed) return
    warmed = true
    setImmediate(() => {
      try {
        loadTypoModel()
      } catch {
        // Not read now: the first save that needs it reads it again and reports why it cannot.
      }
    }).unref()
  }

  const handlers = {} as Record<ApiMethod, (args: never) => unknown>
  for (const method of apiMethods) {
    handlers[method] = (args: never) => {
      if (open && method === 'getPage') warmForEditing()
      if (open) return (open.handlers[method] as (args: never) => unknown)(args)
      if (method === 'appInfo') return { version: VERSION, mode, database: databasePath, schemaVersion: null, recovery }
      if (method === 'restoreNewestBackup') return restore((args as { backup: string }).backup)
      throw new ApiError('unavailable', `${method}: unavailable until the database is restored (${recovery!.message})`)
    }
  }

  function close(): void {
    void open?.longCalls?.close()
    // The re-proposal workers kept for the next approval end with their database, not minutes later.
    if (open) void closeReproposalPool(open.db)
    if (daily) clearInterval(daily)
    open?.db.close()
    open = null
  }

  return {
    handlers: handlers as unknown as Handlers,
    db: () => open?.db ?? null,
    recovery: () => recovery,
    importFromPaths: async (paths, importOptions) => (open ? importFromPaths(open.db, paths, importOptions) : null),
    startImportFromPaths: (paths, importOptions) => (open ? open.imports.startFromPaths(paths, importOptions) : null),
    close,
    quit: async () => {
      // An import under way stops first: its stored pages stay, and the backup holds them.
      await open?.imports.stopAll()
      if (options.backups && open) {
        try {
          await rollingBackup(open.db, databasePath, 'quit')
        } catch (error) {
          log.warn(`backup on quit of ${databasePath} failed: ${(error as Error).message}`)
        }
      }
      close()
    }
  }
}
