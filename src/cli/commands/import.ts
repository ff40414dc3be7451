import { UsageError } from '../args'
import { EXIT, type Command } from '../command'
import { progressReporter } from '../output'

export const importCommand: Command = {
  name: 'import',
  summary: 'import page files or folders into the store',
  usage: 'galley import PATH... [--edition NAME] [--publication NAME] [--db PATH] [--json]',
  options: { edition: { type: 'string' }, publication: { type: 'string' } },
  createsDatabase: true,
  run: async ({ values, positionals, output, services }) => {
    if (positionals.length === 0) throw new UsageError('import needs at least one file or folder')
    const progress = progressReporter('importing')
    // The suggestion pass that follows: every page still waiting for its check, this batch's and any an interrupted import left.
    const checking = progressReporter('checking characters')
    const edition = values.edition as string | undefined
    const publication = (values.publication as string | undefined)?.trim()
    if (values.publication !== undefined && !publication) throw new UsageError('--publication needs a name')
    const report = await services().importFromPaths(positionals, {
      ...(edition ? { edition } : {}),
      ...(publication ? { publication } : {}),
      onProgress: (done, total) => progress.update(done, total),
      onChecking: (done, total) => checking.update(done, total)
    })
    progress.finish()
    checking.finish()
    // Pages of a publication that has learnt rules are proposed with them.
    await services().learningSettled()
    // Large scans' previews and tile pyramids, made after the import (the app makes any missing
    // ones in the background when it opens the store; a command finishes them before it exits).
    await services().scansSettled()
    for (const item of report.items) {
      if (item.status === 'failed') output.err(`galley: ${item.source}: ${item.reason}`)
    }
    if (values.json) output.json(report)
    else output.out(`${report.imported} imported, ${report.unchanged} unchanged, ${report.failed} failed`)
    return report.failed > 0 ? EXIT.someFailed : EXIT.ok
  }
}
