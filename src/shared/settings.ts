import { z } from 'zod'

// The user's settings, kept in the database so that the desktop app, browser mode (on whatever
// port it gets) and the CLI all see the same choices.

export const BACKUPS_TO_KEEP_MIN = 1
export const BACKUPS_TO_KEEP_MAX = 100

export const settingsSchema = z
  .object({
    /** How many rolling backups (on quit, daily, manual, before a migration) are kept. */
    backupsToKeep: z.number().int().min(BACKUPS_TO_KEEP_MIN).max(BACKUPS_TO_KEEP_MAX),
    /** The UI language; null follows the system's. */
    locale: z.enum(['zh-CN', 'en']).nullable()
  })
  .strict()

export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = { backupsToKeep: 10, locale: null }
