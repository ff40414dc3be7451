import { validateArgs } from '../../shared/api'
import { editionIdByName, setEditionMetadata, setPageLabel } from '../../core/services/editions'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'

// The editor's corrections of an edition's metadata, through the same service as the workbench.
export const editionCommand: Command = {
  name: 'edition',
  summary: "set an edition's issue date and title, or a page's label",
  usage: 'galley edition set NAME [--date DATE|none] [--title TITLE] | galley edition label PAGE_ID LABEL  [--db PATH] [--json]',
  options: { date: { type: 'string' }, title: { type: 'string' } },
  run: ({ values, positionals, output, openDb }) => {
    const [action, ...rest] = positionals
    if (action === 'set') {
      if (rest.length !== 1) throw new UsageError('edition set needs one edition name (see galley editions)')
      if (values.date === undefined && values.title === undefined) throw new UsageError('edition set needs --date or --title')
      const date = values.date as string | undefined
      const db = openDb()
      const args = validateArgs('setEditionMetadata', {
        editionId: editionIdByName(db, rest[0]!),
        ...(values.title !== undefined ? { title: values.title } : {}),
        ...(date !== undefined ? { issueDate: date === 'none' ? null : date } : {})
      })
      const edition = setEditionMetadata(db, args)
      if (values.json) output.json(edition)
      else output.out(`${edition.name}: title ${edition.title}, date ${edition.issueDate ?? '-'}`)
      return EXIT.ok
    }
    if (action === 'label') {
      const id = Number(rest[0])
      if (rest.length !== 2 || !Number.isInteger(id) || id <= 0) throw new UsageError('edition label needs a page id and a label (see galley pages)')
      const page = setPageLabel(openDb(), validateArgs('setPageLabel', { pageId: id, label: rest[1] }))
      if (values.json) output.json(page)
      else output.out(`page ${page.id}: label ${page.label}`)
      return EXIT.ok
    }
    throw new UsageError('edition needs set or label')
  }
}
