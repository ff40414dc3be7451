import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers, dispatch } from '../../src/core/services'
import { mapLineBoundaries, remapArticles } from '../../src/core/services/articleRanges'
import { exportStore } from '../../src/core/export'
import type { Proposer } from '../../src/core/pipeline/proposal'
import type { StoredArticle } from '../../src/core/store/queries/articles'
import type { ApiArgs } from '../../src/shared/api'
import type { ArticleRecord } from '../../src/shared/types'
import { tempDir } from '../support/tmp'

// The editor's structure: titles the editor typed stay as typed, and restoring an older
// revision carries the article ranges over to its text, keeping decisions only where the
// words are still the same.

const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })
const b64 = (s: string): string => Buffer.from(s).toString('base64')

const PAGE = ['城南街道启动改造', '首批涉及三个社区。', '', '绿色出行 从我做起', '公交卡与地铁卡通用。', '', '社区图书室开放', '藏书五千余册。'].join('\n')

type Payload = ApiArgs<'updateArticles'>['articles']

async function setup() {
  const dir = tempDir()
  const file = path.join(dir, 'galley.db')
  const db = openDatabase(file)
  const api = createHandlers({ db, databasePath: file, mode: 'browser', propose: identity })
  await api.importFiles({ files: [{ name: 'p_01.txt', dataBase64: b64(PAGE) }], edition: '样例' })
  const detail = await api.getPage({ pageId: 1 })
  return { db, dir, file, api, revisionId: detail.revision.id }
}

/** What the workbench sends back for stored articles: boundaries, decisions and only the editor's titles. */
function asPayload(records: readonly ArticleRecord[]): Payload {
  return records.map((r) => ({
    kind: r.kind,
    startLine: r.startLine,
    endLine: r.endLine,
    status: r.status,
    ...(r.titleOverridden ? { titleOverride: r.title } : {})
  }))
}

const THREE: Payload = [
  { kind: 'article', startLine: 0, endLine: 2 },
  { kind: 'article', startLine: 3, endLine: 5, titleOverride: '绿色出行倡议' },
  { kind: 'article', startLine: 6, endLine: 8 }
]

describe('titles the editor sets', () => {
  it('are told apart from titles read from the text, and survive later boundary updates and edits', async () => {
    const { db, api, revisionId } = await setup()
    const first = await api.updateArticles({ pageId: 1, revisionId, articles: THREE })
    expect(first.map((a) => [a.title, a.titleOverridden])).toEqual([
      ['城南街道启动改造', false],
      ['绿色出行倡议', true],
      ['社区图书室开放', false]
    ])

    // The title lines are edited; the boundaries are sent again as the workbench does.
    const edited = PAGE.replace('城南街道启动改造', '城南街道启动老旧小区改造').replace('绿色出行 从我做起', '绿色出行 人人参与')
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: revisionId, text: edited })
    const second = await api.updateArticles({ pageId: 1, revisionId: saved.revisionId, articles: asPayload(first) })
    // The read title follows the text; the editor's stays.
    expect(second.map((a) => [a.title, a.titleOverridden])).toEqual([
      ['城南街道启动老旧小区改造', false],
      ['绿色出行倡议', true],
      ['社区图书室开放', false]
    ])

    // Merging the last two keeps the earlier one's title; a later split gives the head its title back.
    const merged = await api.updateArticles({
      pageId: 1,
      revisionId: saved.revisionId,
      articles: [asPayload(second)[0]!, { ...asPayload(second)[1]!, endLine: 8 }]
    })
    expect(merged.map((a) => a.title)).toEqual(['城南街道启动老旧小区改造', '绿色出行倡议'])
    const split = await api.updateArticles({ pageId: 1, revisionId: saved.revisionId, articles: [...asPayload(merged).slice(0, 1), { ...asPayload(merged)[1]!, endLine: 5 }, { kind: 'article', startLine: 6, endLine: 8 }] })
    expect(split.map((a) => [a.title, a.titleOverridden])).toEqual([
      ['城南街道启动老旧小区改造', false],
      ['绿色出行倡议', true],
      ['社区图书室开放', false]
    ])

    // null gives the title back to the text.
    const cleared = await api.updateArticles({ pageId: 1, revisionId: saved.revisionId, articles: asPayload(split).map((a) => ({ ...a, titleOverride: null })) })
    expect(cleared[1]).toMatchObject({ title: '绿色出行 人人参与', titleOverridden: false })
    db.close()
  })

  it('is what the export prints', async () => {
    const { db, api, revisionId } = await setup()
    await api.updateArticles({ pageId: 1, revisionId, articles: THREE.map((a) => ({ ...a, status: 'approved' as const })) })
    const out = path.join(tempDir(), 'out')
    exportStore(db, { scope: { pageId: 1 }, formats: ['txt'], outDir: out })
    const names = fs.readdirSync(path.join(out, 'txt', '样例'))
    expect(names.some((n) => n.includes('绿色出行倡议'))).toBe(true)
    expect(names.some((n) => n.includes('绿色出行_从我做起'))).toBe(false)
    db.close()
  })

  it('refuses an empty title and the old ambiguous field, in one line', async () => {
    const { db, api, revisionId } = await setup()
    const blank = await dispatch(api, 'updateArticles', { pageId: 1, revisionId, articles: [{ kind: 'article', startLine: 0, endLine: 2, titleOverride: '  ' }] })
    expect(blank).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'updateArticles: articles.0.titleOverride: titleOverride is empty (send null to read the title from the text)' }
    })
    const old = await dispatch(api, 'updateArticles', { pageId: 1, revisionId, articles: [{ kind: 'article', startLine: 0, endLine: 2, title: '旧字段' }] })
    expect(old).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect((old as { error: { message: string } }).error.message).toMatch(/^updateArticles: articles\.0: .*title/)
    db.close()
  })
})

describe('saving an edit', () => {
  it('carries the articles along: the export has the edited words, ids stay, an edited article is proposed again', async () => {
    const { db, dir, api, revisionId } = await setup()
    const set = await api.updateArticles({ pageId: 1, revisionId, articles: THREE })
    await api.setArticleStatus({ articleId: set[0]!.id, status: 'approved' })
    await api.setArticleStatus({ articleId: set[2]!.id, status: 'approved' })
    // A word fixed in the first article, and a line inserted in the second: the third moves down.
    const edited = PAGE.replace('首批涉及三个社区。', '首批涉及四个社区。').replace('公交卡与地铁卡通用。', '公交卡与地铁卡通用。\n共享单车首小时免费。')
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: revisionId, text: edited })
    expect(saved.articlesReset).toBe(1)
    expect(saved.page.status).toBe('in-progress')
    const page = await api.getPage({ pageId: 1 })
    expect(page.articles.map((a) => [a.id, a.status, a.startLine, a.endLine, a.title])).toEqual([
      [set[0]!.id, 'proposed', 0, 2, '城南街道启动改造'],
      [set[1]!.id, 'proposed', 3, 6, '绿色出行倡议'],
      [set[2]!.id, 'approved', 7, 9, '社区图书室开放']
    ])
    expect(page.articles[0]!.paragraphs.map((p) => p.text)).toEqual(['首批涉及四个社区。'])
    expect(page.articles[1]!.paragraphs.map((p) => p.text)).toEqual(['公交卡与地铁卡通用。', '共享单车首小时免费。'])
    await api.setArticleStatus({ articleId: set[0]!.id, status: 'approved' })
    const out = path.join(dir, 'out')
    exportStore(db, { scope: { pageId: 1 }, formats: ['txt'], outDir: out })
    const written = (fs.readdirSync(out, { recursive: true }) as string[])
      .map((f) => path.join(out, f))
      .filter((f) => fs.statSync(f).isFile())
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n')
    expect(written).toContain('首批涉及四个社区。')
    expect(written).not.toContain('三个社区')
    db.close()
  })
})

describe('approval and the words approved', () => {
  it('takes the approval back from an article whose words a save changed, as sent by the workbench or not', async () => {
    const { db, api, revisionId } = await setup()
    const approved = await api.updateArticles({ pageId: 1, revisionId, articles: THREE.map((a) => ({ ...a, status: 'approved' as const })) })
    expect((await api.getPage({ pageId: 1 })).page.status).toBe('approved')
    // The workbench sends the boundaries with the status it showed before the edit: the store decides.
    const text = PAGE.replace('藏书五千余册。', '藏书六千余册。')
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: revisionId, text, articles: asPayload(approved).map((a, i) => ({ ...a, id: approved[i]!.id })) })
    expect(saved.articles.map((a) => a.status)).toEqual(['approved', 'approved', 'proposed'])
    expect(saved.page.status).toBe('in-progress')
    // Approved again, then every word of it deleted: no empty article is left to export.
    await api.setArticleStatus({ articleId: approved[2]!.id, status: 'approved' })
    const emptied = text.split('\n').slice(0, 6).join('\n') + '\n\n'
    const after = await api.saveRevision({ pageId: 1, baseRevisionId: saved.revisionId, text: emptied, articles: asPayload(saved.articles).map((a, i) => ({ ...a, id: saved.articles[i]!.id, status: 'approved' as const, endLine: Math.min(a.endLine, 8) })) })
    expect(after.articles.map((a) => a.id)).toEqual([approved[0]!.id, approved[1]!.id])
    expect(after.page.status).toBe('approved')
    db.close()
  })

  it('approves the unflagged articles of a page unless told to approve the flagged ones too', async () => {
    const { db, api, revisionId } = await setup()
    const set = await api.updateArticles({ pageId: 1, revisionId, articles: THREE })
    db.prepare("UPDATE articles SET flags_json = '[]'").run()
    db.prepare('UPDATE articles SET flags_json = ? WHERE id = ?').run(JSON.stringify(['title-missing']), set[1]!.id)
    expect((await api.approvePage({ pageId: 1 })).status).toBe('in-progress')
    expect((await api.getPage({ pageId: 1 })).articles.map((a) => a.status)).toEqual(['approved', 'proposed', 'approved'])
    expect((await api.approvePage({ pageId: 1, flagged: true })).status).toBe('approved')
    expect((await api.getPage({ pageId: 1 })).articles.map((a) => a.status)).toEqual(['approved', 'approved', 'approved'])
    db.close()
  })
})

describe('restoring a revision', () => {
  it('carries the articles over to the restored text and resets the decisions of articles whose words changed', async () => {
    const { db, api, revisionId } = await setup()
    const original = await api.updateArticles({ pageId: 1, revisionId, articles: THREE.map((a) => ({ ...a, status: 'approved' as const })) })
    expect((await api.getPage({ pageId: 1 })).page.status).toBe('approved')

    // Later: a furniture line opens the page, the second article's body is rewritten; the
    // workbench moved the boundaries along and the editor approved everything again.
    const lines = PAGE.split('\n')
    lines.splice(4, 1, '公交卡与地铁卡今起通用，换乘优惠。')
    const later = ['本版责任编辑：赵丽', ...lines].join('\n')
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: revisionId, text: later })
    const moved = await api.updateArticles({
      pageId: 1,
      revisionId: saved.revisionId,
      articles: [
        { kind: 'furniture', startLine: 0, endLine: 1, status: 'approved' },
        ...asPayload(original).map((a) => ({ ...a, startLine: a.startLine + 1, endLine: a.endLine + 1 }))
      ]
    })
    expect(moved.map((a) => a.startLine)).toEqual([0, 1, 4, 7])

    const restored = await api.restoreRevision({ pageId: 1, revisionId, baseRevisionId: saved.revisionId })
    expect(restored.articlesReset).toBe(1)
    const after = await api.getPage({ pageId: 1 })
    expect(after.revision.text).toBe(PAGE)
    // The furniture line is gone with its article; the others sit on their lines of the restored text.
    expect(after.articles.map((a) => [a.kind, a.startLine, a.endLine, a.status, a.title])).toEqual([
      ['article', 0, 2, 'approved', '城南街道启动改造'],
      ['article', 3, 5, 'proposed', '绿色出行倡议'],
      ['article', 6, 8, 'approved', '社区图书室开放']
    ])
    // Re-read from the restored lines, the editor's title kept.
    expect(after.articles[1]!.paragraphs.map((p) => p.text)).toEqual(['公交卡与地铁卡通用。'])
    expect(after.articles[1]!.titleOverridden).toBe(true)
    for (const a of after.articles) {
      const text = PAGE.split('\n').slice(a.startLine, a.endLine).join('\n')
      expect(text).toContain(a.titleOverridden ? '绿色出行' : a.title)
    }
    expect(after.page.status).toBe('in-progress')
    db.close()
  })

  it('refuses a revision of another page and a stale base, changing nothing', async () => {
    const { db, api, revisionId } = await setup()
    await api.importFiles({ files: [{ name: 'q_02.txt', dataBase64: b64('另一版\n正文') }], edition: '样例' })
    const other = await api.getPage({ pageId: 2 })
    const wrong = await dispatch(api, 'restoreRevision', { pageId: 1, revisionId: other.revision.id, baseRevisionId: revisionId })
    expect(wrong).toEqual({ ok: false, error: { code: 'not-found', message: `revision ${other.revision.id} is not a revision of page 1` } })
    await api.updateArticles({ pageId: 1, revisionId, articles: THREE })
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: revisionId, text: PAGE + '\n补记' })
    const stale = await dispatch(api, 'restoreRevision', { pageId: 1, revisionId, baseRevisionId: revisionId })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const page = await api.getPage({ pageId: 1 })
    expect(page.revision.id).toBe(saved.revisionId)
    expect(page.articles).toHaveLength(3)
    db.close()
  })
})

describe('line alignment', () => {
  it('maps boundaries through insertions, deletions and changed lines, never backwards', () => {
    expect([...mapLineBoundaries(['a', 'b', 'c'], ['a', 'b', 'c'])]).toEqual([0, 1, 2, 3])
    expect([...mapLineBoundaries(['a', 'b', 'c'], ['x', 'a', 'b', 'c'])]).toEqual([1, 2, 3, 4])
    expect([...mapLineBoundaries(['a', 'b', 'c'], ['a', 'c'])]).toEqual([0, 1, 1, 2])
    expect([...mapLineBoundaries(['a', 'b', 'c', 'd'], ['a', 'B', 'c', 'd'])]).toEqual([0, 1, 2, 3, 4])
    expect([...mapLineBoundaries(['a', 'b1', 'b2', 'c'], ['a', 'B', 'c'])]).toEqual([0, 1, 2, 2, 3])
    expect([...mapLineBoundaries([], ['a'])]).toEqual([1])
    // Random texts: monotone, within bounds, and equal lines stay paired.
    let seed = 7
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
    for (let round = 0; round < 200; round++) {
      const from = Array.from({ length: rnd(12) }, () => 'abcde'[rnd(5)]!)
      const to = Array.from({ length: rnd(12) }, () => 'abcde'[rnd(5)]!)
      const at = [...mapLineBoundaries(from, to)]
      expect(at).toHaveLength(from.length + 1)
      expect(at.at(-1)).toBe(to.length)
      for (let i = 1; i < at.length; i++) expect(at[i]!).toBeGreaterThanOrEqual(at[i - 1]!)
      for (const x of at) expect(x >= 0 && x <= to.length).toBe(true)
    }
  })

  it('keeps an unchanged article whole and drops one whose lines are all gone', () => {
    const stored = (startLine: number, endLine: number, title: string): StoredArticle => ({
      kind: 'article',
      startLine,
      endLine,
      kicker: '引题',
      title,
      subtitle: null,
      headings: [title],
      byline: '记者 王小明',
      paragraphs: [],
      captions: [],
      flags: [],
      confidence: 0.8,
      status: 'approved',
      source: 'analysis',
      analyzerVersion: 3,
      titleOverride: null
    })
    const result = remapArticles([stored(0, 2, '甲'), stored(2, 4, '乙')], '甲\n甲文\n乙\n乙文', '甲\n甲文')
    expect(result.dropped).toBe(1)
    expect(result.reset).toBe(0)
    // Analysis fields of an unchanged article are kept as they were.
    expect(result.articles).toEqual([stored(0, 2, '甲')])
  })
})

describe('splitting an article that is not the last', () => {
  it('stores the new piece with an id of its own; the kept articles keep theirs', async () => {
    const { db, api, revisionId } = await setup()
    const two = await api.updateArticles({
      pageId: 1,
      revisionId,
      articles: [
        { kind: 'article', startLine: 0, endLine: 6 },
        { kind: 'article', startLine: 6, endLine: 8 }
      ]
    })
    // As the workbench sends a split of the first: the head and the tail keep their ids, the piece has none.
    const split = await api.updateArticles({
      pageId: 1,
      revisionId,
      articles: [
        { id: two[0]!.id, kind: 'article', startLine: 0, endLine: 3 },
        { kind: 'article', startLine: 3, endLine: 6 },
        { id: two[1]!.id, kind: 'article', startLine: 6, endLine: 8 }
      ]
    })
    expect(split.map((a) => [a.startLine, a.endLine])).toEqual([
      [0, 3],
      [3, 6],
      [6, 8]
    ])
    expect(split[0]!.id).toBe(two[0]!.id)
    expect(split[2]!.id).toBe(two[1]!.id)
    expect(new Set(split.map((a) => a.id)).size).toBe(3)
    db.close()
  })
})
