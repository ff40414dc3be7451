import { AUTO_APPROVE_CONFIDENCE } from '../../core/services/local'
import { EXIT, type Command } from '../command'
import { pagesInScope } from './pageScope'

export const approveCommand: Command = {
  name: 'approve',
  summary: `approve the proposed articles (confident, unflagged ones; --all for every one)`,
  usage: 'galley approve (--page ID | --edition NAME) [--all] [--db PATH] [--json]',
  options: { page: { type: 'string' }, edition: { type: 'string' }, all: { type: 'boolean', default: false } },
  run: async ({ values, output, services }) => {
    const { api } = services()
    // The UI's approve, page by page: with --all it is exactly the editor's "approve page".
    const results = []
    for (const page of await pagesInScope(api, values)) {
      const { approved, left } = await api.approvePage({ pageId: page.id, confidentOnly: values.all !== true })
      results.push({ pageId: page.id, approved, left })
    }
    // An approved page is evidence for its publication: the CLI waits for its untouched pages to be proposed again.
    await services().learningSettled()
    if (values.json) output.json(results)
    else {
      const approved = results.reduce((n, r) => n + r.approved, 0)
      const left = results.reduce((n, r) => n + r.left, 0)
      output.out(`${approved} articles approved on ${results.length} pages`)
      if (left > 0) output.out(`${left} left for the editor (confidence below ${AUTO_APPROVE_CONFIDENCE} or flagged); --all approves them too`)
    }
    return EXIT.ok
  }
}
