import { listSuggestions } from '../../core/store/queries/suggestions'
import { getPageSummary } from '../../core/store/queries/pages'
import { EXIT, type Command } from '../command'
import { pagesInScope } from './pageScope'

export const suggestionsCommand: Command = {
  name: 'suggestions',
  summary: 'list the open suggestions (typos, name variants, dictionary fixes, duplicates)',
  usage: 'galley suggestions (--page ID | --edition NAME) [--db PATH] [--json]',
  options: { page: { type: 'string' }, edition: { type: 'string' } },
  run: ({ values, output, openDb }) => {
    const db = openDb()
    const suggestions = pagesInScope(db, values).flatMap((pageId) => listSuggestions(db, pageId))
    if (values.json) output.json(suggestions)
    else if (suggestions.length === 0) output.out('no open suggestions')
    else {
      for (const s of suggestions) {
        const page = getPageSummary(db, s.pageId)
        output.out(`#${s.id} p.${page?.label ?? s.pageId} @${s.start} ${s.rule}: ${s.original} → ${s.replacement || '(remove)'}  ${s.message}`)
      }
    }
    return EXIT.ok
  }
}
