import { defaultDatabasePath, localServices, newestGoodBackup, openDatabase, StoreError, VERSION, type LocalServices } from '../core/services/local'
import { ApiError } from '../shared/api'
import { parse, UsageError } from './args'
import { EXIT, type Command } from './command'
import { consoleOutput, type Output } from './output'
import { importCommand } from './commands/import'
import { editionsCommand } from './commands/editions'
import { editionCommand } from './commands/edition'
import { pagesCommand } from './commands/pages'
import { showCommand } from './commands/show'
import { searchCommand } from './commands/search'
import { serveCommand } from './commands/serve'
import { analyzeCommand } from './commands/analyze'
import { approveCommand } from './commands/approve'
import { fixCommand } from './commands/fix'
import { suggestionsCommand } from './commands/suggestions'
import { backupCommand, checkCommand, restoreCommand } from './commands/maintenance'
import { exportCommand } from './commands/export'
import { structureCommand } from './commands/structure'
import { profileCommand } from './commands/profile'

export const commands: Command[] = [importCommand, editionsCommand, editionCommand, pagesCommand, showCommand, searchCommand, analyzeCommand, approveCommand, fixCommand, suggestionsCommand, serveCommand, backupCommand, restoreCommand, checkCommand, exportCommand, structureCommand, profileCommand]

function usage(): string {
  const lines = [
    `galley ${VERSION} — clean up OCR'd newspaper pages`,
    '',
    'usage: galley COMMAND [options]',
    '',
    'commands:'
  ]
  for (const c of commands) lines.push(`  ${c.name.padEnd(12)}${c.summary}`)
  lines.push(
    '',
    'common options:',
    '  --db PATH     the database file (default: $GALLEY_DB or the app data folder)',
    '  --json        machine-readable output where the output is data',
    '  -h, --help    help for a command',
    '',
    'exit codes: 0 all ok, 1 some inputs failed, 2 usage error'
  )
  return lines.join('\n')
}

export async function main(argv: string[], output: Output = consoleOutput): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    output.out(usage())
    return name ? EXIT.ok : EXIT.usage
  }
  if (name === '--version' || name === '-v') {
    output.out(VERSION)
    return EXIT.ok
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    output.err(`galley: unknown command ${name} (galley --help lists them)`)
    return EXIT.usage
  }
  try {
    const { values, positionals } = parse(rest, command.options)
    if (values.help) {
      output.out(`usage: ${command.usage}\n\n${command.summary}`)
      return EXIT.ok
    }
    const databasePath = (values.db as string | undefined) ?? defaultDatabasePath()
    let db: ReturnType<typeof openDatabase> | undefined
    let services: LocalServices | undefined
    const openDb = (): ReturnType<typeof openDatabase> => (db ??= openDatabase(databasePath, { mustExist: command.createsDatabase !== true }))
    try {
      return await command.run({
        values,
        positionals,
        output,
        databasePath,
        openDb,
        services: () => (services ??= localServices(openDb(), databasePath))
      })
    } finally {
      if (command.name !== 'serve') db?.close()
    }
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`galley ${command.name}: ${error.message}\nusage: ${command.usage}`)
      return EXIT.usage
    }
    if (error instanceof StoreError) {
      output.err(`galley: ${error.message}`)
      const backup = error.code === 'corrupt' ? newestGoodBackup((parse(rest, command.options).values.db as string | undefined) ?? defaultDatabasePath()) : null
      if (backup) output.err(`galley: the newest good backup is ${backup}; restore it with: galley restore ${backup}`)
      return EXIT.someFailed
    }
    if (error instanceof ApiError) {
      // The handlers' own refusal of an argument is a usage error; anything else a failed input.
      output.err(`galley ${command.name}: ${error.message}`)
      return error.code === 'invalid-argument' ? EXIT.usage : EXIT.someFailed
    }
    output.err(`galley ${command.name}: ${(error as Error).message}`)
    return EXIT.someFailed
  }
}
