import { EXIT, type Command } from '../command'
import { table } from '../output'

export const editionsCommand: Command = {
  name: 'editions',
  summary: 'list the editions in the store',
  usage: 'galley editions [--db PATH] [--json]',
  options: {},
  run: async ({ values, output, services }) => {
    const editions = await services().api.listEditions({})
    if (values.json) output.json(editions)
    else if (editions.length === 0) output.out('no editions yet: galley import PATH...')
    else {
      const rows = [['EDITION', 'DATE', 'TITLE', 'PAGES', 'APPROVED', 'SUGGESTIONS']]
      for (const e of editions) rows.push([e.name, e.issueDate ?? '-', e.title, String(e.pageCount), String(e.approvedPages), String(e.openSuggestions)])
      table(rows).forEach((line) => output.out(line))
    }
    return EXIT.ok
  }
}
