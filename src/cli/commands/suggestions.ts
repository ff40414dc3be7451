import { EXIT, type Command } from '../command'
import { pagesInScope } from './pageScope'

export const suggestionsCommand: Command = {
  name: 'suggestions',
  summary: 'list the open suggestions (typos, name variants, dictionary fixes, duplicates)',
  usage: 'galley suggestions (--page ID | --edition NAME) [--db PATH] [--json]',
  options: { page: { type: 'string' }, edition: { type: 'string' } },
  run: async ({ values, output, services }) => {
    const { api } = services()
    // Each page as the workbench opens it: one whose suggestion pass is pending gets it now.
    const pages = await pagesInScope(api, values)
    const suggestions = []
    for (const page of pages) {
      const detail = await api.getPage({ pageId: page.id })
      suggestions.push(...detail.suggestions.filter((s) => s.status === 'open').map((s) => ({ suggestion: s, label: page.label })))
    }
    if (values.json) output.json(suggestions.map((s) => s.suggestion))
    else if (suggestions.length === 0) output.out('no open suggestions')
    else {
      for (const { suggestion: s, label } of suggestions) {
        output.out(`#${s.id} p.${label} @${s.start} ${s.rule}: ${s.original} → ${s.replacement || '(remove)'}  ${s.message}`)
      }
    }
    return EXIT.ok
  }
}
