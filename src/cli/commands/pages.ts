import { EXIT, type Command } from '../command'
import { table } from '../output'
import { editionIdByName } from './pageScope'

export const pagesCommand: Command = {
  name: 'pages',
  summary: 'list pages, of one edition or all',
  usage: 'galley pages [--edition NAME] [--db PATH] [--json]',
  options: { edition: { type: 'string' } },
  run: async ({ values, output, services }) => {
    const { api } = services()
    let editionId: number | undefined
    if (values.edition !== undefined) {
      editionId = await editionIdByName(api, values.edition as string)
      if (editionId === undefined) {
        output.err(`galley: no edition named ${String(values.edition)}`)
        return EXIT.someFailed
      }
    }
    const pages = await api.listPages(editionId === undefined ? {} : { editionId })
    if (values.json) output.json(pages)
    else {
      const rows = [['ID', 'PAGE', 'STATUS', 'ARTICLES', 'SUGGESTIONS', 'SOURCE']]
      for (const p of pages) rows.push([String(p.id), p.label, p.status, String(p.articleCount), String(p.openSuggestions), p.sourceName])
      table(rows).forEach((line) => output.out(line))
    }
    return EXIT.ok
  }
}
