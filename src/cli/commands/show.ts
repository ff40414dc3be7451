import { ApiError } from '../../shared/api'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'

export const showCommand: Command = {
  name: 'show',
  summary: "print a page's original and working text",
  usage: 'galley show PAGE_ID [--db PATH] [--json]',
  options: {},
  run: async ({ values, positionals, output, services }) => {
    const id = Number(positionals[0])
    if (positionals.length !== 1 || !Number.isInteger(id) || id <= 0) throw new UsageError('show needs one page id (see galley pages)')
    // The page as the workbench opens it: a page whose suggestion pass is pending gets it now.
    let detail
    try {
      detail = await services().api.getPage({ pageId: id })
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'not-found')) throw error
      output.err(`galley: no page with id ${id}`)
      return EXIT.someFailed
    }
    const { page, originalText, revision, articles, suggestions } = detail
    if (values.json) {
      output.json({ page: { ...page, originalText }, revision, articles, suggestions })
      return EXIT.ok
    }
    output.out(`# ${page.editionName} · page ${page.label} · ${page.sourceName} (${page.encoding}, sha256 ${page.sha256.slice(0, 12)}…)`)
    output.out('')
    output.out('## original')
    output.out(originalText)
    output.out('')
    output.out(`## working text (revision ${revision.id}, ${revision.reason}, ${revision.createdAt})`)
    output.out(revision.text)
    return EXIT.ok
  }
}
