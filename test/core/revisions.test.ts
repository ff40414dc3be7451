import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { exportStore } from '../../src/core/export'
import { detectTypos, typosAfterEdit } from '../../src/core/pipeline/refreshSuggestions'
import { recordCorrection } from '../../src/core/store/queries/knowledge'
import { listCorrections } from '../../src/core/store/queries/knowledge'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { tempDir } from '../support/tmp'

// Every change of the working text is one use case (commitRevision): a save, a restore and a
// fix applied across pages all leave the revision, the index, the suggestions, the articles and
// the page's status in step.

const b64 = (s: string): string => Buffer.from(s).toString('base64')

// Pages written for this test: two articles each, the same OCR slip (态愿者) in both.
const PAGE_1 = ['社区开展清理行动', '本报讯 社区组织大学生态愿者开展清理行动。', '', '图书室今日开放', '态愿者为居民整理藏书五千余册。'].join('\n')
const PAGE_2 = ['文明新风进校园', '学校组织态愿者走进课堂。', '', '公交线路调整', '新线路途经三个社区，态愿者在站台引导乘客。'].join('\n')

/** Two articles a page, as the analysis would propose them, so that the test does not depend on its accuracy. */
const twoArticles: Proposer = (text) => ({
  workingText: text,
  reason: 'import',
  analyzerVersion: 1,
  suggestions: [],
  articles: [0, 3].map((start) => ({
    kind: 'article' as const,
    startLine: start,
    endLine: start + 2,
    kicker: null,
    title: text.split('\n')[start]!,
    subtitle: null,
    headings: [],
    byline: null,
    paragraphs: [{ role: 'body' as const, text: text.split('\n')[start + 1]! }],
    captions: [],
    flags: [],
    confidence: 0.9
  }))
})

async function setup(propose: Proposer = twoArticles) {
  const dir = tempDir()
  const file = path.join(dir, 'galley.db')
  const db = openDatabase(file)
  const api = createHandlers({ db, databasePath: file, mode: 'browser', propose })
  await api.importFiles({ files: [{ name: 'p_01.txt', dataBase64: b64(PAGE_1) }, { name: 'p_02.txt', dataBase64: b64(PAGE_2) }], edition: '样例' })
  return { db, dir, file, api }
}

/** A handler's failure as a rejected promise, as the transports see it. */
const later = async <T>(run: () => T | Promise<T>): Promise<T> => run()

function exportedTexts(out: string): string[] {
  return (fs.readdirSync(out, { recursive: true }) as string[])
    .map((f) => path.join(out, f))
    .filter((f) => fs.statSync(f).isFile())
    .map((f) => fs.readFileSync(f, 'utf8'))
}

describe('a fix applied across an edition', () => {
  it('reaches every exported article of approved pages, which stay approved', async () => {
    const { db, dir, api } = await setup()
    const edition = (await api.listEditions({}))[0]!
    for (const page of await api.listPages({})) await api.approvePage({ pageId: page.id, flagged: true })
    const applied = await api.applyCorrection({ original: '态愿者', replacement: '志愿者', scope: 'edition', id: edition.id })
    expect(applied).toMatchObject({ pages: 2, occurrences: 4 })

    for (const page of await api.listPages({})) {
      expect(page.status).toBe('approved')
      const detail = await api.getPage({ pageId: page.id })
      expect(detail.articles.every((a) => a.status === 'approved' && a.paragraphs.every((p) => !p.text.includes('态愿者')))).toBe(true)
    }
    const out = path.join(dir, 'out')
    exportStore(db, { scope: { edition: edition.name }, formats: ['txt'], outDir: out })
    const texts = exportedTexts(out).filter((t) => t.includes('愿者'))
    // Four articles, each holding the slip before: each holds the fix now.
    expect(texts).toHaveLength(4)
    for (const text of texts) {
      expect(text).toContain('志愿者')
      expect(text).not.toContain('态愿者')
    }
    db.close()
  })
})

describe('one save request', () => {
  it('takes the boundaries the workbench drew and answers with articles, suggestions and status', async () => {
    const { db, api } = await setup()
    const page = await api.getPage({ pageId: 1 })
    const [first, second] = page.articles
    // The editor typed a line into the first article and split it there; the second moved down.
    const text = PAGE_1.replace('本报讯 社区组织大学生态愿者开展清理行动。', '本报讯 社区组织大学生态愿者开展清理行动。\n居民纷纷点赞')
    const saved = await api.saveRevision({
      pageId: 1,
      baseRevisionId: page.revision.id,
      text,
      articles: [
        { id: first!.id, kind: 'article', startLine: 0, endLine: 2, status: 'proposed' },
        { kind: 'article', startLine: 2, endLine: 3, status: 'proposed' },
        { id: second!.id, kind: 'article', startLine: 4, endLine: 6, status: 'proposed', titleOverride: '图书室开放' }
      ]
    })
    expect(saved.articles.map((a) => [a.startLine, a.endLine, a.title, a.titleOverridden])).toEqual([
      [0, 2, '社区开展清理行动', false],
      [2, 3, '居民纷纷点赞', false],
      [4, 6, '图书室开放', true]
    ])
    // Unchanged lines: the stored article keeps its id (the workbench's references hold).
    expect(saved.articles[0]!.id).toBe(first!.id)
    expect(saved.articles[2]!.id).toBe(second!.id)
    expect(saved.page).toMatchObject({ id: 1, status: 'in-progress', articleCount: 3, openSuggestions: saved.suggestions.length })
    expect(saved.suggestions.every((s) => s.revisionId === saved.revisionId)).toBe(true)
    expect(await api.getPage({ pageId: 1 })).toMatchObject({ articles: saved.articles, suggestions: saved.suggestions, revision: { id: saved.revisionId, text } })

    // Boundaries that do not fit the text are refused, and nothing is written.
    await expect(
      later(() => api.saveRevision({ pageId: 1, baseRevisionId: saved.revisionId, text: 'x', articles: [{ kind: 'article', startLine: 0, endLine: 2 }] }))
    ).rejects.toThrow(/ends after the last line/)
    expect((await api.getPage({ pageId: 1 })).revision.id).toBe(saved.revisionId)
    db.close()
  })

  it('refuses a stale base as a conflict and a page that does not exist as not found', async () => {
    const { db, api } = await setup()
    const page = await api.getPage({ pageId: 1 })
    await api.saveRevision({ pageId: 1, baseRevisionId: page.revision.id, text: PAGE_1 + '。' })
    await expect(later(() => api.saveRevision({ pageId: 1, baseRevisionId: page.revision.id, text: PAGE_1 }))).rejects.toMatchObject({ code: 'conflict' })
    await expect(later(() => api.saveRevision({ pageId: 99, baseRevisionId: page.revision.id, text: PAGE_1 }))).rejects.toMatchObject({ code: 'not-found' })
    db.close()
  })
})

describe("the connection's knowledge", () => {
  it('follows corrections learnt on this connection and on another, and is read again after a rollback', async () => {
    const { db, file, api } = await setup()
    const fix = PAGE_1.replace('大学生态愿者', '大学生志愿者')
    // A fix typed by hand is learnt, and the same save suggests it where the slip is left on the page.
    const page = await api.getPage({ pageId: 1 })
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: page.revision.id, text: fix })
    expect(saved.suggestions.some((s) => s.rule === 'dictionary' && s.original === '态愿者')).toBe(true)

    // Another connection learns something: the next save here knows it.
    const other = openDatabase(file)
    other.transaction(() => recordCorrection(other, { original: '图书室', replacement: '阅览室', contextBefore: '', contextAfter: '', decision: 'accepted', pageId: null }))()
    other.close()
    const again = await api.saveRevision({ pageId: 1, baseRevisionId: saved.revisionId, text: fix + '\n' })
    expect(again.suggestions.some((s) => s.rule === 'dictionary' && s.replacement === '阅览室')).toBe(true)
    // A term protected by another connection: the next save, on other lines, drops what it had suggested there.
    const third = openDatabase(file)
    third.prepare("INSERT INTO protected_terms (term, note, created_at) VALUES ('图书室', '', '2026-01-01')").run()
    third.close()
    const protectedElsewhere = await api.saveRevision({ pageId: 1, baseRevisionId: again.revisionId, text: fix + '\n\n' })
    expect(protectedElsewhere.suggestions.some((s) => s.original === '图书室')).toBe(false)

    // A save that fails after learning a correction leaves it unlearnt, here and in what detection uses.
    const before = listCorrections(db).length
    await expect(
      later(() => api.saveRevision({ pageId: 1, baseRevisionId: protectedElsewhere.revisionId, text: fix.replace('居民', '居名') + '\n', articles: [{ kind: 'article', startLine: 0, endLine: 99 }] }))
    ).rejects.toThrow(/ends after the last line/)
    expect(listCorrections(db)).toHaveLength(before)
    const elsewhere = await api.saveRevision({ pageId: 2, baseRevisionId: (await api.getPage({ pageId: 2 })).revision.id, text: PAGE_2 + '\n为居民整理' })
    expect(elsewhere.suggestions.some((s) => s.rule === 'dictionary' && s.replacement.includes('居名'))).toBe(false)

    // A protected term set through the API is never suggested from then on.
    await api.setProtectedTerm({ term: '态愿者', protected: true })
    const protectedSave = await api.saveRevision({ pageId: 2, baseRevisionId: elsewhere.revisionId, text: PAGE_2 })
    expect(protectedSave.suggestions.some((s) => s.original === '态愿者')).toBe(false)
    db.close()
  })
})

describe('suggestions after an edit', () => {
  it('are what a detection of the whole page gives, for edits of every kind', () => {
    // Pages written for Galley's tests, with the damage OCR leaves.
    const dir = path.join(__dirname, '..', 'fixtures', 'analysis')
    const pages = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n?/g, '\n'))
    expect(pages.length).toBeGreaterThan(0)
    let compared = 0
    for (const before of pages) {
      const lines = before.split('\n')
      for (let i = 0; i < lines.length; i += 3) {
        const line = lines[i]!
        const edits = [
          [...lines.slice(0, i), line.slice(0, 2) + '的' + line.slice(2), ...lines.slice(i + 1)],
          [...lines.slice(0, i), line.slice(0, 1) + '未' + line.slice(2), ...lines.slice(i + 1)],
          [...lines.slice(0, i), ...lines.slice(i + 1)],
          [...lines.slice(0, i), line.slice(0, 3), ...lines.slice(i)]
        ]
        const onBefore = detectTypos(before, {})
        for (const edit of edits) {
          const after = edit.join('\n')
          expect(typosAfterEdit(onBefore, before, after)).toEqual(detectTypos(after, {}).sort((a, b) => a.start - b.start || a.end - b.end))
          compared++
        }
      }
    }
    expect(compared).toBeGreaterThan(20)
  })
})
