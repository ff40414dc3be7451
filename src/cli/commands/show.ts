import { getPageRow } from '../../core/store/queries/pages'
import { getRevision } from '../../core/store/queries/revisions'
import { listArticles } from '../../core/store/queries/articles'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'

export const showCommand: Command = {
  name: 'show',
  summary: "print a page's original and working text",
  usage: 'galley show PAGE_ID [--db PATH] [--json]',
  options: {},
  run: ({ values, positionals, output, openDb }) => {
    const id = Number(positionals[0])
    if (positionals.length !== 1 || !Number.isInteger(id) || id <= 0) throw new UsageError('show needs one page id (see galley pages)')
    const db = openDb()
    const page = getPageRow(db, id)
    if (!page || page.currentRevisionId === null) {
      output.err(`galley: no page with id ${id}`)
      return EXIT.someFailed
    }
    const revision = getRevision(db, page.currentRevisionId)!
    if (values.json) {
      const { currentRevisionId: _r, ...rest } = page
      output.json({ page: rest, revision, articles: listArticles(db, id) })
      return EXIT.ok
    }
    output.out(`# ${page.editionName} · page ${page.label} · ${page.sourceName} (${page.encoding}, sha256 ${page.sha256.slice(0, 12)}…)`)
    output.out('')
    output.out('## original')
    output.out(page.originalText)
    output.out('')
    output.out(`## working text (revision ${revision.id}, ${revision.reason}, ${revision.createdAt})`)
    output.out(revision.text)
    return EXIT.ok
  }
}
