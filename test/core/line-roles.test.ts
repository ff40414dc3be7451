import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers, dispatch } from '../../src/core/services'
import { listArticles } from '../../src/core/store/queries/articles'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { rolesOf, stepRole, LINE_ROLES } from '../../src/shared/lineRoles'
import { tempDir } from '../support/tmp'

// The editor's line roles in the store: an article's fields are read from them, they are kept
// with the article's lines through saves, and the roles shown for an article without them are
// the fields it exports. A page written for this test.

const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })
const PAGE = ['文明新风', '老街巷', '换新颜', '本报讯（记者 王小明）近日，城南街道整治老街巷。', '改造前后', '街巷干净整洁。', '李华 摄', '本版责编：赵六'].join('\n')

async function setup() {
  const dir = tempDir()
  const file = path.join(dir, 'galley.db')
  const db = openDatabase(file)
  const api = createHandlers({ db, databasePath: file, mode: 'browser', propose: identity })
  await api.importFiles({ files: [{ name: 'p_01.txt', dataBase64: Buffer.from(PAGE).toString('base64') }], edition: '样例' })
  const detail = await api.getPage({ pageId: 1 })
  return { db, api, revisionId: detail.revision.id }
}

const ROLES = ['kicker', 'title', 'title', 'body', 'subhead', 'body', 'credit', 'furniture'] as const

describe('line roles', () => {
  it('read the article from the roles, keep them through saves, and refuse a list of the wrong length', async () => {
    const { db, api, revisionId } = await setup()
    const [a] = await api.updateArticles({ pageId: 1, revisionId, articles: [{ kind: 'article', startLine: 0, endLine: 8, roles: [...ROLES] }] })
    expect(a).toMatchObject({ kicker: '文明新风', title: '老街巷 换新颜', subtitle: null, byline: '记者 王小明', captions: ['李华 摄'], source: 'editor', roles: ROLES })
    expect(a!.paragraphs).toEqual([
      { role: 'body', text: '本报讯（记者 王小明）近日，城南街道整治老街巷。' },
      { role: 'subhead', text: '改造前后' },
      { role: 'body', text: '街巷干净整洁。' }
    ])
    // The credit goes once: the byline is taken, so it is a caption line of its own; furniture nowhere.
    expect(JSON.stringify(a)).not.toContain('赵六')
    // Read back from the store the same.
    expect(listArticles(db, 1)[0]!.roles).toEqual(ROLES)
    // The gutter shows exactly these roles.
    expect(rolesOf(a!, PAGE.split('\n'), 0, 8)).toEqual(ROLES)

    // A save that changes a word but no line (no boundaries sent: another client) keeps the roles.
    const edited = PAGE.replace('干净整洁', '整洁干净')
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: revisionId, text: edited })
    expect(saved.articles[0]!.roles).toEqual(ROLES)
    expect(saved.articles[0]!.paragraphs[2]!.text).toBe('街巷整洁干净。')

    // Two kicker lines are one kicker, both printed.
    const [two] = await api.updateArticles({ pageId: 1, revisionId: saved.revisionId, articles: [{ kind: 'article', startLine: 0, endLine: 8, roles: ['kicker', 'kicker', 'title', 'body', 'subhead', 'body', 'credit', 'furniture'] }] })
    expect([two!.kicker, two!.title]).toEqual(['文明新风 老街巷', '换新颜'])

    const wrong = await dispatch(api, 'updateArticles', { pageId: 1, revisionId: saved.revisionId, articles: [{ kind: 'article', startLine: 0, endLine: 8, roles: ['title'] }] })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    const unknown = await dispatch(api, 'updateArticles', { pageId: 1, revisionId: saved.revisionId, articles: [{ kind: 'article', startLine: 0, endLine: 1, roles: ['banner'] }] })
    expect(unknown.ok).toBe(false)
  })

  it('without the editor\'s roles shows each line as the field it went into', () => {
    const lines = PAGE.split('\n')
    const fields = { kind: 'article', kicker: '文明新风', title: '老街巷', subtitle: '换新颜', headings: ['文明新风', '老街巷', '换新颜'], byline: '记者 王小明', paragraphs: [{ role: 'body' as const, text: lines[3]! }, { role: 'subhead' as const, text: '改造前后' }, { role: 'body' as const, text: lines[5]! }], captions: [] }
    expect(rolesOf(fields, lines, 0, 8)).toEqual(['kicker', 'title', 'subtitle', 'body', 'subhead', 'body', 'credit', 'furniture'])
    expect(rolesOf({ ...fields, kind: 'furniture' }, lines, 6, 8)).toEqual(['furniture', 'furniture'])
    // Page furniture exports none of its lines, whatever roles it carries: the gutter says so.
    expect(rolesOf({ ...fields, kind: 'furniture', roles: ['title', 'body'] }, lines, 6, 8)).toEqual(['furniture', 'furniture'])
    // A section banner over the kicker shows as a kicker too; the title is the line the title was read from.
    const banner = { ...fields, kicker: '老街巷', title: '换新颜', subtitle: null, headings: ['文明新风', '老街巷', '换新颜'] }
    expect(rolesOf(banner, lines, 0, 3)).toEqual(['kicker', 'kicker', 'title'])
    // A title the editor typed stands for the last heading line above the text.
    expect(rolesOf({ ...banner, kicker: null, title: '整治一新' }, lines, 0, 3)).toEqual(['kicker', 'kicker', 'title'])
    // Walking through every role comes back round.
    let role = stepRole(null, 1)
    for (let i = 0; i < LINE_ROLES.length; i++) role = stepRole(role, 1)
    expect(role).toBe('kicker')
  })
})
