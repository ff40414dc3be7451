import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { rolesOf, type LineRole } from '../../src/shared/lineRoles'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { assertBuilt, BIN } from '../support/galleyProcess'
import { tempDir } from '../support/tmp'
import { FIXTURES, learningPages, learningStore as setup } from '../support/learningPages'

// The scripted path of learning (galley structure set, approve, analyze --publication, profile),
// as real CLI processes on the store the API writes: the same decisions, marked by where they
// were made.

const { PAGE_A, NOTICE, STRUCTURE_A } = learningPages

describe('publications from the CLI', () => {
  it('are named after the paper in a file name whose date made the edition', async () => {
    const { db, file } = await setup()
    db.close()
    // The CLI names it the same way: the paper's name in a file name whose date made the edition.
    assertBuilt()
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'citypaper_20240601_01.txt'), PAGE_A.replace('三个社区', '五个社区'))
    execFileSync(process.execPath, [BIN, 'import', path.join(dir, 'citypaper_20240601_01.txt'), '--db', file])
    const list = JSON.parse(execFileSync(process.execPath, [BIN, 'profile', 'list', '--json', '--db', file], { encoding: 'utf8' })) as { name: string }[]
    expect(list.map((p) => p.name)).toEqual(['citypaper', '晚报'])
  })
})

describe('decisions', () => {
  it('are recorded from the API (workbench) and the CLI alike, against the publication', async () => {
    const { db, file, api, a, b } = await setup()
    const page = await api.getPage({ pageId: b })
    const articles = page.articles.filter((x) => x.kind !== 'furniture')
    // Merge the first two articles, type a title, mark the last line furniture, give a line a role.
    const lines = page.revision.text.split('\n')
    const notice = lines.lastIndexOf(NOTICE)
    // the roles the lines have now (as the workbench reads them), the first line made a kicker
    const merge = (start: number, end: number): Array<LineRole | null> => {
      const roles: Array<LineRole | null> = lines.slice(start, end).map((l) => (l.trim() === '' ? null : 'body'))
      for (const x of articles) rolesOf(x, lines, x.startLine, x.endLine).forEach((r, j) => x.startLine + j >= start && x.startLine + j < end && (roles[x.startLine + j - start] = r))
      roles[0] = 'kicker'
      return roles
    }
    const merged = await api.updateArticles({
      pageId: b,
      revisionId: page.revision.id,
      articles: [
        { kind: 'article', startLine: articles[0]!.startLine, endLine: notice, titleOverride: '社区两则', roles: merge(articles[0]!.startLine, notice) },
        { kind: 'furniture', startLine: notice, endLine: notice + 1 }
      ]
    })
    expect(merged[0]).toMatchObject({ title: '社区两则', titleOverridden: true })
    const fromApi = await api.listStructureDecisions({ pageId: b })
    expect(new Set(fromApi.map((d) => d.action))).toEqual(new Set(['merge', 'title', 'furniture', 'role']))
    expect(fromApi.every((d) => d.via === 'browser')).toBe(true)
    expect(fromApi.find((d) => d.action === 'role')).toMatchObject({ lineText: '社区图书室正式开放', detail: { to: 'kicker', from: 'title' } })
    db.close()

    // The CLI sets page A's structure from the analyze --json form: the same decisions, marked cli.
    assertBuilt()
    const json = path.join(tempDir(), 'a.json')
    fs.writeFileSync(json, JSON.stringify(STRUCTURE_A))
    execFileSync(process.execPath, [BIN, 'structure', 'set', String(a), json, '--db', file])
    execFileSync(process.execPath, [BIN, 'approve', '--page', String(a), '--all', '--db', file])
    const reopened = openDatabase(file)
    const after = createHandlers({ db: reopened, databasePath: file, mode: 'browser' })
    const fromCli = await after.listStructureDecisions({ pageId: a })
    expect(fromCli.length).toBeGreaterThan(0)
    expect(fromCli.every((d) => d.via === 'cli')).toBe(true)
    expect(fromCli.map((d) => d.action)).toContain('furniture')
    expect(fromCli.map((d) => d.action)).toContain('approve')
    const publication = (await after.listPublications({}))[0]!
    expect(publication.decisions).toBe(fromApi.length + fromCli.length)
    // The approval through the CLI learnt the rule, and its proposal was used on page B's text.
    const cli = JSON.parse(execFileSync(process.execPath, [BIN, 'analyze', path.join(FIXTURES, 'page-b.txt'), '--publication', '晚报', '--json', '--db', file], { encoding: 'utf8' })) as { furniture: string[] }
    expect(cli.furniture).toContain(NOTICE)
    reopened.close()
  })

  it('a bad structure file gets one line naming it and the reason', () => {
    assertBuilt()
    const file = path.join(tempDir(), 'bad.db')
    const bad = path.join(tempDir(), 'bad.json')
    fs.writeFileSync(bad, JSON.stringify({ articles: [{ kind: 'poem' }] }))
    const run = (() => {
      try {
        execFileSync(process.execPath, [BIN, 'structure', 'set', '1', bad, '--db', file], { encoding: 'utf8', stdio: 'pipe' })
        return null
      } catch (error) {
        return error as { status: number; stderr: string }
      }
    })()
    expect(run?.status).toBe(1)
    expect(run?.stderr.trim().split('\n')).toHaveLength(1)
    expect(run?.stderr).toContain(`${bad}: articles.0.kind`)
  })
})

