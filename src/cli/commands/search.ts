import { UsageError } from '../args'
import { EXIT, type Command } from '../command'

export const searchCommand: Command = {
  name: 'search',
  summary: 'full-text search over the working text of every page',
  usage: 'galley search TEXT [--limit N] [--db PATH] [--json]',
  options: { limit: { type: 'string' } },
  run: async ({ values, positionals, output, services }) => {
    const query = positionals.join(' ').trim()
    if (!query) throw new UsageError('search needs some text to look for')
    const limit = values.limit === undefined ? 100 : Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit takes a whole number from 1 to 500')
    const hits = await services().api.search({ query, limit })
    if (values.json) output.json(hits)
    else if (hits.length === 0) output.out(`no page contains ${query}`)
    else for (const hit of hits) output.out(`${hit.editionName} p.${hit.pageLabel} #${hit.pageId}  …${hit.snippet}…`)
    return EXIT.ok
  }
}
