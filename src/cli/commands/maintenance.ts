import { backupTo, checkDatabase, restoreFrom, rollingBackup } from '../../core/services/local'
import { BACKUPS_TO_KEEP_MAX, BACKUPS_TO_KEEP_MIN } from '../../shared/settings'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write an online backup of the database',
  usage: 'galley backup [--out FILE [--force] | --keep N] [--db PATH]',
  options: { out: { type: 'string' }, keep: { type: 'string' }, force: { type: 'boolean', default: false } },
  run: async ({ values, output, openDb, databasePath }) => {
    const out = values.out as string | undefined
    const keep = values.keep === undefined ? undefined : Number(values.keep)
    if (keep !== undefined && !(Number.isInteger(keep) && keep >= BACKUPS_TO_KEEP_MIN && keep <= BACKUPS_TO_KEEP_MAX)) {
      throw new UsageError(`--keep takes a whole number from ${BACKUPS_TO_KEEP_MIN} to ${BACKUPS_TO_KEEP_MAX}`)
    }
    if (keep !== undefined && out !== undefined) throw new UsageError('--keep counts the rolling backups; a backup written with --out is not one of them')
    if (values.force === true && out === undefined) throw new UsageError('--force replaces the file named by --out')
    const db = openDb()
    // Without --keep, the rolling backups are pruned to the user's setting.
    const file = out ? await backupTo(db, out, { overwrite: values.force === true }) : await rollingBackup(db, databasePath, 'manual', keep)
    if (values.json) output.json({ backup: file })
    else output.out(`backup written to ${file}`)
    return EXIT.ok
  }
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'replace the database with a backup (the current file is kept aside)',
  usage: 'galley restore FILE [--db PATH]',
  options: {},
  run: ({ positionals, output, databasePath, values }) => {
    if (positionals.length !== 1) throw new UsageError('restore needs the backup file')
    try {
      const { keptAside } = restoreFrom(databasePath, positionals[0]!)
      if (values.json) output.json({ restored: positionals[0], keptAside })
      else output.out(`restored ${positionals[0]}${keptAside ? `; the previous database is kept as ${keptAside}` : ''}`)
      return EXIT.ok
    } catch (error) {
      output.err(`galley: ${(error as Error).message}`)
      return EXIT.someFailed
    }
  }
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check the database: integrity, foreign keys, Galley invariants, counts',
  usage: 'galley check [--db PATH] [--json]',
  options: {},
  run: ({ values, output, openDb }) => {
    const report = checkDatabase(openDb())
    if (values.json) output.json(report)
    else {
      output.out(report.ok ? 'ok' : 'PROBLEMS FOUND')
      output.out(`schema ${report.schemaVersion}; ${Object.entries(report.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`)
      for (const line of report.integrity.slice(0, 20)) output.out(`integrity: ${line}`)
      if (report.foreignKeys) output.out(`foreign key violations: ${report.foreignKeys}`)
      if (report.pagesWithoutRevision) output.out(`pages without a current revision: ${report.pagesWithoutRevision}`)
    }
    return report.ok ? EXIT.ok : EXIT.someFailed
  }
}
