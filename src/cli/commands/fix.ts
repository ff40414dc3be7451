import { UsageError } from '../args'
import { EXIT, type Command } from '../command'

export const fixCommand: Command = {
  name: 'fix',
  summary: 'fix a repeated error everywhere: every occurrence of FROM becomes TO, one revision a page, learnt',
  usage: 'galley fix FROM TO (--edition NAME | --all) [--dry-run] [--db PATH] [--json]',
  options: { edition: { type: 'string' }, all: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } },
  run: async ({ values, positionals, output, services }) => {
    const [pattern, replacement] = positionals
    if (positionals.length !== 2 || !pattern) throw new UsageError('give FROM and TO (quote them if they hold spaces)')
    const edition = values.edition as string | undefined
    if ((edition === undefined) === (values.all !== true)) throw new UsageError('give either --edition NAME or --all')
    const { api } = services()
    let id: number | undefined
    if (edition !== undefined) {
      const named = (await api.listEditions({})).find((e) => e.name === edition)
      if (!named) throw new UsageError(`no edition named ${edition}`)
      id = named.id
    }
    const found = await api.findOccurrences({ pattern, scope: id === undefined ? 'all' : 'edition', ...(id === undefined ? {} : { id }), limit: 10_000 })
    if (found.truncated) throw new UsageError(`more than 10000 occurrences of ${pattern}: fix an edition at a time`)
    if (values['dry-run'] === true || found.occurrences.length === 0) {
      if (values.json) output.json({ occurrences: found.occurrences.length, pages: found.pages, dryRun: values['dry-run'] === true })
      else {
        for (const o of found.occurrences) output.out(`${o.edition} ${o.label}:${o.line}  …${o.before}[${pattern}]${o.after}…`)
        output.out(`${found.occurrences.length} occurrences on ${found.pages} pages${values['dry-run'] === true ? ' (dry run: nothing changed)' : ''}`)
      }
      return EXIT.ok
    }
    const applied = await api.applyFix({ pattern, replacement: replacement ?? '', occurrences: found.occurrences.map((o) => ({ pageId: o.pageId, revisionId: o.revisionId, start: o.start })) })
    if (values.json) output.json(applied)
    else output.out(`${applied.occurrences} occurrences fixed on ${applied.batch.length} pages (one revision each; restore the one before to undo)`)
    return EXIT.ok
  }
}
