import { findEditionByName } from '../../core/store/queries/editions'
import { listPages } from '../../core/store/queries/pages'
import { EXIT, type Command } from '../command'
import { table } from '../output'

export const pagesCommand: Command = {
  name: 'pages',
  summary: 'list pages, of one edition or all',
  usage: 'galley pages [--edition NAME] [--db PATH] [--json]',
  options: { edition: { type: 'string' } },
  run: ({ values, output, openDb }) => {
    const db = openDb()
    let editionId: number | undefined
    if (values.edition !== undefined) {
      const edition = findEditionByName(db, values.edition as string)
      if (!edition) {
        output.err(`galley: no edition named ${String(values.edition)}`)
        return EXIT.someFailed
      }
      editionId = edition.id
    }
    const pages = listPages(db, editionId)
    if (values.json) output.json(pages)
    else {
      const rows = [['ID', 'PAGE', 'STATUS', 'ARTICLES', 'SUGGESTIONS', 'SOURCE']]
      for (const p of pages) rows.push([String(p.id), p.label, p.status, String(p.articleCount), String(p.openSuggestions), p.sourceName])
      table(rows).forEach((line) => output.out(line))
    }
    return EXIT.ok
  }
}
