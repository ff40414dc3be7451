import { ExportError, FORMATS, isFormat, type ExportScope, type Format } from '../../core/services/local'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'
import { progressReporter } from '../output'

export const exportCommand: Command = {
  name: 'export',
  summary: 'export approved articles of an edition, a page or everything to a folder',
  usage:
    'galley export (--edition NAME | --page ID | --all) [--format json,md,txt,html,nitf] --out DIR ' +
    '[--include-unapproved] [--single-file] [--force] [--db PATH] [--json]',
  options: {
    edition: { type: 'string' },
    page: { type: 'string' },
    all: { type: 'boolean', default: false },
    format: { type: 'string' },
    out: { type: 'string' },
    'include-unapproved': { type: 'boolean', default: false },
    'single-file': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false }
  },
  run: async ({ values, positionals, output, services }) => {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`)
    const scope = parseScope(values)
    const formats = parseFormats(values.format as string | undefined)
    const outDir = values.out as string | undefined
    if (!outDir) throw new UsageError('--out DIR is required')
    const includeUnapproved = values['include-unapproved'] === true
    const local = services()
    const progress = progressReporter('exporting')
    // Ctrl+C or a SIGTERM (a scheduler stopping the job) stops the export cleanly: the
    // half-written folder beside --out is removed before the process ends.
    const stop = new AbortController()
    const interrupt = (): void => stop.abort()
    process.once('SIGINT', interrupt)
    process.once('SIGTERM', interrupt)
    try {
      const result = await local.exportToFolder({
        scope,
        formats,
        outDir,
        includeUnapproved,
        singleFile: values['single-file'] === true,
        force: values.force === true,
        signal: stop.signal,
        onProgress: (done, total) => progress.update(done, total)
      })
      progress.finish()
      if (result.articles === 0) {
        output.err(
          includeUnapproved
            ? 'galley: nothing to export: no approved or proposed articles in scope'
            : 'galley: no approved articles in scope (--include-unapproved adds the proposed ones)'
        )
      }
      if (values.json) output.json(result)
      else output.out(`${result.articles} articles exported, ${result.files} files in ${result.outDir}`)
      return EXIT.ok
    } catch (error) {
      progress.finish()
      if (error instanceof ExportError) {
        output.err(`galley export: ${error.message}`)
        return EXIT.someFailed
      }
      throw error
    } finally {
      process.removeListener('SIGINT', interrupt)
      process.removeListener('SIGTERM', interrupt)
    }
  }
}

function parseScope(values: Record<string, unknown>): ExportScope {
  const chosen = [values.edition !== undefined, values.page !== undefined, values.all === true].filter(Boolean).length
  if (chosen !== 1) throw new UsageError('choose exactly one of --edition NAME, --page ID, --all')
  if (values.edition !== undefined) return { edition: values.edition as string }
  if (values.page !== undefined) {
    const id = Number(values.page)
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`--page needs a page id, not ${String(values.page)}`)
    return { pageId: id }
  }
  return { all: true }
}

function parseFormats(raw: string | undefined): Format[] {
  if (raw === undefined) return [...FORMATS]
  const names = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
  if (names.length === 0) throw new UsageError('--format needs at least one of ' + FORMATS.join(','))
  const formats: Format[] = []
  for (const name of names) {
    const f = name === 'markdown' ? 'md' : name === 'text' ? 'txt' : name === 'xml' ? 'nitf' : name
    if (!isFormat(f)) throw new UsageError(`unknown format ${name} (known: ${FORMATS.join(', ')})`)
    if (!formats.includes(f)) formats.push(f)
  }
  return formats
}
