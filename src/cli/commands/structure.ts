import fs from 'node:fs'
import { ApiError } from '../../shared/api'
import { structureFileSchema } from '../../shared/learningFiles'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'
import { readJsonFile } from './jsonFile'

export const structureCommand: Command = {
  name: 'structure',
  summary: "set a page's structure from the JSON form analyze --json prints (recorded as the editor's decisions)",
  usage: 'galley structure set PAGE_ID FILE.json [--db PATH] [--json]',
  options: {},
  run: async ({ values, positionals, output, services }) => {
    const [sub, pageArg, file] = positionals
    if (sub !== 'set' || positionals.length !== 3) throw new UsageError('structure set needs a page id and a JSON file')
    const pageId = Number(pageArg)
    if (!Number.isInteger(pageId) || pageId <= 0) throw new UsageError('structure set takes a page id (see galley pages)')
    if (!fs.existsSync(file!)) {
      output.err(`galley: ${file}: no such file`)
      return EXIT.someFailed
    }
    const structure = readJsonFile(file!, structureFileSchema, output)
    if (!structure) return EXIT.someFailed
    const { api, learningSettled } = services()
    let set
    try {
      set = await api.setPageStructure({ pageId, structure })
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      output.err(`galley: page ${pageId}: ${error.message}`)
      return EXIT.someFailed
    }
    // An approved page set again is learnt from again: its publication's untouched pages are proposed again first.
    await learningSettled()
    if (values.json) output.json(set)
    else output.out(`page ${pageId}: ${set.articles.filter((a) => a.kind === 'article').length} articles set on revision ${set.revisionId}`)
    return EXIT.ok
  }
}
