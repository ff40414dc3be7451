import path from 'node:path'
import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { openDatabase } from '../../src/core/store/database'
import { migrations } from '../../src/core/store/migrations'
import { createHandlers, dispatch } from '../../src/core/services'
import { reproposalSettled } from '../../src/core/learning/reproposalJobs'
import { layoutStructure } from '../../src/core/learning/structureSet'
import { analyzePage, lineTemplate } from '../../src/core/analysis'
import { publicationProfile } from '../../src/core/learning/publicationProfile'
import { tempDir } from '../support/tmp'
import { b64, learningPages, learningStore as setup } from '../support/learningPages'

// Learning each publication from its editor: publications, decisions recorded, rules learnt on
// approval, untouched pages proposed again (never an edited or approved one), undo, profile
// files. The pages are made up for these tests.

const { PAGE_A, PAGE_B, NOTICE, STRUCTURE_A } = learningPages

describe('publications', () => {
  it('are given to editions stored before them, from the edition names (migration 12)', () => {
    const file = path.join(tempDir(), 'v9.db')
    const raw = new Database(file)
    for (const m of migrations.filter((m) => m.version <= 11)) m.up(raw)
    raw.pragma('user_version = 11')
    raw.exec(`INSERT INTO editions (name, title, created_at) VALUES ('晚报_2024-06-01', 'a', 'now'), ('晚报_2024-06-02', 'b', 'now'), ('样例', 'c', 'now')`)
    raw.close()
    const db = openDatabase(file, { noBackup: true })
    expect(db.prepare('SELECT e.name, u.name AS publication FROM editions e JOIN publications u ON u.id = e.publication_id ORDER BY e.id').all()).toEqual([
      { name: '晚报_2024-06-01', publication: '晚报' },
      { name: '晚报_2024-06-02', publication: '晚报' },
      { name: '样例', publication: '样例' }
    ])
    db.close()
  })

  it('are named after the edition by default, set by import, and an edition keeps its publication', async () => {
    const { db, api } = await setup()
    expect((await api.listPublications({})).map((p) => [p.name, p.pageCount])).toEqual([['晚报', 3]])
    expect((await api.listEditions({}))[0]).toMatchObject({ name: '晚报 2024-06-01', publication: '晚报' })
    const other = await api.importFiles({ files: [{ name: 'x_01.txt', dataBase64: b64('另一份报纸\n正文。') }], edition: '周刊 第3期', publication: '城市周刊' })
    expect(other.items[0]).toMatchObject({ status: 'imported', publication: '城市周刊' })
    const refused = await api.importFiles({ files: [{ name: 'y_02.txt', dataBase64: b64('再一版\n正文。') }], edition: '周刊 第3期', publication: '晚报' })
    expect(refused.items[0]).toMatchObject({ status: 'failed', reason: 'edition 周刊 第3期 belongs to publication 城市周刊, not 晚报' })
    db.close()
  })
})

describe('approving a page', () => {
  it('learns rules from it and proposes the untouched pages of the publication again, never an edited or approved one', async () => {
    const { db, api, a, b, c } = await setup()
    const coldB = await api.getPage({ pageId: b })
    // Cold, the notice line is read as a title of an article of page B.
    expect(coldB.articles.filter((x) => x.kind === 'furniture').flatMap((x) => x.paragraphs.map((p) => p.text))).not.toContain(NOTICE)
    // The editor edits page C before anything is learnt.
    const pageC = await api.getPage({ pageId: c })
    await api.saveRevision({ pageId: c, baseRevisionId: pageC.revision.id, text: pageC.revision.text + '\n补记。' })
    const editedC = await api.getPage({ pageId: c })

    await api.setPageStructure({ pageId: a, structure: STRUCTURE_A })
    await api.approvePage({ pageId: a })
    await reproposalSettled(db, 1)

    const publication = (await api.listPublications({}))[0]!
    const rules = await api.listLearntRules({ publicationId: publication.id })
    const notice = rules.find((r) => r.role === 'furniture' && r.template === lineTemplate(NOTICE))
    expect(notice, JSON.stringify(rules)).toMatchObject({ lines: 2, pages: 1, fromPageId: a, fromPageLabel: '01', state: 'active' })

    const warmB = await api.getPage({ pageId: b })
    expect(warmB.articles.filter((x) => x.kind === 'furniture').flatMap((x) => x.paragraphs.map((p) => p.text))).toContain(NOTICE)
    const changes = await api.listPageChanges({ pageId: b })
    expect(changes).toHaveLength(1)
    expect(changes[0]!.changes).toContainEqual(
      expect.objectContaining({ ruleId: notice!.id, role: 'furniture', line: NOTICE, message: `learnt from your edits on page 01: \`${notice!.template}\` lines are furniture` })
    )
    // The edited page and the approved page are as they were.
    expect(await api.listPageChanges({ pageId: c })).toEqual([])
    expect(await api.listPageChanges({ pageId: a })).toEqual([])
    expect((await api.getPage({ pageId: c })).articles).toEqual(editedC.articles)
    expect((await api.getPage({ pageId: a })).page.status).toBe('approved')

    // A page of the publication imported later is proposed with what was learnt.
    const later = await api.importFiles({ files: [{ name: '晚报_2024-06-02_01.txt', dataBase64: b64(PAGE_B.replace('光明社区', '红星社区')) }], edition: '晚报 2024-06-02' })
    const laterId = later.items[0]!.pageId!
    await reproposalSettled(db, publication.id)
    expect((await api.getPage({ pageId: laterId })).articles.filter((x) => x.kind === 'furniture').flatMap((x) => x.paragraphs.map((p) => p.text))).toContain(NOTICE)

    // One call undoes the rule: page B is proposed again without it.
    const undone = await api.undoLearntRule({ ruleId: notice!.id })
    expect(undone.state).toBe('undone')
    await reproposalSettled(db, publication.id)
    const againB = await api.getPage({ pageId: b })
    expect(againB.articles.map((x) => [x.kind, x.title])).toEqual(coldB.articles.map((x) => [x.kind, x.title]))
    expect(await api.listPageChanges({ pageId: b })).toHaveLength(2)
    // An undone rule is not learnt again by the next approval.
    await api.approvePage({ pageId: a })
    expect((await api.listLearntRules({ publicationId: publication.id })).find((r) => r.id === notice!.id)?.state).toBe('undone')
    db.close()
  })
})

describe('structure files', () => {
  it('are laid out on the working text, the lines of each article together, keeping text they do not mention', () => {
    const layout = layoutStructure(PAGE_A.replace('近日，', '近日，\n\n'), { ...STRUCTURE_A, furniture: [NOTICE] })
    const lines = layout.text.split('\n')
    // the paragraph broken in two is one line again; the second notice, not mentioned, stays as a line
    expect(lines).toContain(STRUCTURE_A.articles[0]!.paragraphs![0]!.text)
    expect(lines.filter((l) => l === NOTICE)).toHaveLength(2)
    expect(layout.articles.map((x) => [x.kind, lines[x.startLine]])).toEqual([
      ['article', '城南街道启动老旧小区改造'],
      ['furniture', NOTICE],
      ['article', '绿色出行 从我做起']
    ])
  })
})

describe('profile files', () => {
  it('round-trip: exported on one workstation, imported on another, the same proposals', async () => {
    const { db, api, a } = await setup()
    await api.setPageStructure({ pageId: a, structure: STRUCTURE_A })
    await api.approvePage({ pageId: a })
    await reproposalSettled(db, 1)
    const profile = await api.exportProfile({ publicationId: 1 })
    expect(profile).toMatchObject({ format: 'galley-publication-profile', version: 1, publication: '晚报' })
    expect(profile.rules.length).toBeGreaterThan(0)
    db.close()

    const file = path.join(tempDir(), 'other.db')
    const other = openDatabase(file)
    const api2 = createHandlers({ db: other, databasePath: file, mode: 'browser' })
    const imported = await api2.importProfile({ publication: '晚报', profile: JSON.parse(JSON.stringify(profile)) })
    expect(imported).toMatchObject({ added: profile.rules.length, updated: 0 })
    const rules = await api2.listLearntRules({ publicationId: imported.publicationId })
    expect(rules.map((r) => [r.template, r.role, r.origin, r.fromPageId])).toEqual(profile.rules.map((r) => [r.template, r.role, 'imported', null]))
    const again = await api2.exportProfile({ publicationId: imported.publicationId })
    expect(again.rules.map(({ template, role, lines, pages }) => ({ template, role, lines, pages }))).toEqual(profile.rules.map(({ template, role, lines, pages }) => ({ template, role, lines, pages })))
    const withProfile = analyzePage(PAGE_B, { profile: publicationProfile(other, imported.publicationId) })
    expect(withProfile.furniture).toContain(NOTICE)
    // A file of another template version is refused in one line.
    const stale = await dispatch(api2, 'importProfile', { publication: '晚报', profile: { ...profile, templateVersion: 99 } })
    expect(stale).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    other.close()
  })
})
