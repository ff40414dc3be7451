import fs from 'node:fs'
import path from 'node:path'
import { ApiError } from '../../shared/api'
import { profileFileSchema } from '../../shared/learningFiles'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'
import { table } from '../output'
import { readJsonFile } from './jsonFile'

// A publication's learnt profile: shown, exported to a file, imported from one, a rule undone.
export const profileCommand: Command = {
  name: 'profile',
  summary: "a publication's learnt profile: show, export, import, undo a rule",
  usage:
    'galley profile (list | show --publication NAME | export --publication NAME --out FILE | import FILE [--publication NAME] | undo RULE_ID | model (off|on) --publication NAME) [--db PATH] [--json]',
  options: { publication: { type: 'string' }, out: { type: 'string' } },
  run: async ({ values, positionals, output, services }) => {
    const [sub, arg] = positionals
    const name = values.publication as string | undefined
    const open = () => services()
    const publicationId = async (api: ReturnType<typeof services>['api']): Promise<number> => {
      if (!name) throw new UsageError(`profile ${sub} needs --publication NAME`)
      const found = (await api.listPublications({})).find((p) => p.name === name)
      if (!found) throw new UsageError(`no publication named ${name} (galley profile list shows them)`)
      return found.id
    }
    // A refused call is one line naming what was refused and why.
    const refused = (what: string, error: unknown): number => {
      if (!(error instanceof ApiError)) throw error
      output.err(`galley: ${what}: ${error.message}`)
      return EXIT.someFailed
    }
    switch (sub) {
      case 'list': {
        const { api } = open()
        const list = await api.listPublications({})
        if (values.json) output.json(list)
        else for (const line of table([['publication', 'editions', 'pages', 'approved', 'rules', 'decisions', 'model'], ...list.map((p) => [p.name, String(p.editionCount), String(p.pageCount), String(p.approvedPages), String(p.activeRules), String(p.decisions), modelWords(p.model)])])) output.out(line)
        return EXIT.ok
      }
      case 'show': {
        const { api } = open()
        const rules = await api.listLearntRules({ publicationId: await publicationId(api) })
        if (values.json) output.json(rules)
        else for (const line of table([['id', 'role', 'template', 'lines', 'pages', 'from', 'state'], ...rules.map((r) => [String(r.id), r.role, r.template, String(r.lines), String(r.pages), r.fromPageLabel ?? r.origin, r.state])])) output.out(line)
        return EXIT.ok
      }
      case 'export': {
        const out = values.out as string | undefined
        if (!out) throw new UsageError('profile export needs --out FILE')
        const { api } = open()
        const profile = await api.exportProfile({ publicationId: await publicationId(api) })
        // Written beside, then renamed: an interrupted export never leaves half a file.
        const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.tmp`)
        fs.writeFileSync(tmp, JSON.stringify(profile, null, 2) + '\n')
        fs.renameSync(tmp, out)
        if (values.json) output.json({ out, rules: profile.rules.length })
        else output.out(`${profile.rules.length} rules of ${profile.publication} written to ${out}`)
        return EXIT.ok
      }
      case 'import': {
        if (!arg || positionals.length !== 2) throw new UsageError('profile import needs one profile file')
        const profile = readJsonFile(arg, profileFileSchema, output)
        if (!profile) return EXIT.someFailed
        const { api, learningSettled } = open()
        let counts
        try {
          counts = await api.importProfile({ publication: name ?? profile.publication, profile })
        } catch (error) {
          return refused(arg, error)
        }
        await learningSettled()
        if (values.json) output.json(counts)
        else output.out(`${counts.added} rules added, ${counts.updated} already known, to ${name ?? profile.publication}`)
        return EXIT.ok
      }
      case 'undo': {
        const ruleId = Number(arg)
        if (!Number.isInteger(ruleId) || ruleId <= 0) throw new UsageError('profile undo takes a rule id (see galley profile show)')
        const { api, learningSettled } = open()
        let rule
        try {
          rule = await api.undoLearntRule({ ruleId })
        } catch (error) {
          return refused(`rule ${ruleId}`, error)
        }
        await learningSettled()
        if (values.json) output.json(rule)
        else output.out(`rule ${ruleId} undone: ${rule.template} is no longer taken for ${rule.role}`)
        return EXIT.ok
      }
      case 'model': {
        if (arg !== 'off' && arg !== 'on') throw new UsageError('profile model takes off or on')
        const { api, learningSettled } = open()
        let summary
        try {
          summary = await api.setLearntModelState({ publicationId: await publicationId(api), state: arg === 'off' ? 'undone' : 'active' })
        } catch (error) {
          return refused(`publication ${name}`, error)
        }
        await learningSettled()
        if (values.json) output.json(summary)
        else output.out(`${summary.name}: what its approved pages taught the role model is ${arg === 'off' ? 'undone' : 'applied again'}`)
        return EXIT.ok
      }
      default:
        throw new UsageError('profile takes list, show, export, import, undo or model')
    }
  }
}

function modelWords(model: { pages: number; lines: number; origin: string; state: string } | null): string {
  if (!model) return '-'
  return `${model.lines} lines of ${model.pages} pages${model.origin === 'imported' ? ', imported' : ''}${model.state === 'undone' ? ', undone' : ''}`
}
