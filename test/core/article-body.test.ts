import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeArticleBody, encodeArticleBody, type ArticleBody } from '../../src/core/model/articleBody'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { listArticles } from '../../src/core/store/queries/articles'
import { exportStore } from '../../src/core/export'
import { writeArchive } from '../../bench/synthetic'
import { importPaths } from '../../src/core/import/importer'
import { tempDir } from '../support/tmp'
import { proposePage } from '../../src/core/pipeline/propose'
import { normalizeNewlines } from '../../src/core/import/decode'
import { getPageRow } from '../../src/core/store/queries/pages'
import fs from 'node:fs'

// Article bodies name lines of their revision instead of copying them: the same bodies come back,
// old bodies with their texts are read as before, and a body that is not whole lines keeps its words.

const LINES = ['小标题', '城南街道启动改造', '首批涉及三个社区。', '', '（记者 王明）', '第二段正文。', '图：社区一角']
const body: ArticleBody = {
  headings: ['小标题'],
  paragraphs: [
    { role: 'body', text: '首批涉及三个社区。' },
    { role: 'subhead', text: '（记者 王明）' },
    { role: 'body', text: '第二段正文。' }
  ],
  captions: ['图：社区一角']
}

describe('stored article bodies', () => {
  it('store line numbers where the body is whole lines, and read back the same body', () => {
    const stored = encodeArticleBody(body, 0, LINES.length - 1, LINES)
    expect(stored).not.toContain('社区')
    expect(JSON.parse(stored)).toEqual({ h: [0], p: [2, { s: 4 }, 5], c: [6] })
    expect(decodeArticleBody(stored, () => LINES)).toEqual(body)
  })

  it('keep the words of what is not a whole line of the article, and of lines outside it', () => {
    const edited: ArticleBody = { ...body, paragraphs: [{ role: 'body', text: '首批涉及三个' }, ...body.paragraphs] }
    const stored = encodeArticleBody(edited, 2, LINES.length - 1, LINES)
    // The heading sits on line 0, before the article's first line: kept as text.
    expect(JSON.parse(stored)).toEqual({ h: ['小标题'], p: ['首批涉及三个', 2, { s: 4 }, 5], c: [6] })
    expect(decodeArticleBody(stored, () => LINES)).toEqual(edited)
    // Without the text at hand nothing is referred to.
    expect(decodeArticleBody(encodeArticleBody(body, 0, 6, null), () => null)).toEqual(body)
  })

  it('find a repeated line in order, and one out of order too', () => {
    const lines = ['甲', '乙', '甲', '丙']
    const twice: ArticleBody = { headings: [], captions: [], paragraphs: ['甲', '乙', '甲', '丙', '乙'].map((text) => ({ role: 'body' as const, text })) }
    const stored = encodeArticleBody(twice, 0, 3, lines)
    expect(JSON.parse(stored).p).toEqual([0, 1, 2, 3, 1])
    expect(decodeArticleBody(stored, () => lines)).toEqual(twice)
  })

  it('read bodies stored before references, with their texts', () => {
    const legacy = JSON.stringify({ headings: body.headings, paragraphs: body.paragraphs, captions: body.captions })
    expect(decodeArticleBody(legacy, () => { throw new Error('no lines needed') })).toEqual(body)
  })

  it('say so when a reference names a line its revision does not have', () => {
    expect(() => decodeArticleBody(JSON.stringify({ h: [], p: [9], c: [] }), () => LINES)).toThrow(/line 10/)
  })

  it('come back the same through the store, the API and the export after an import and an edit', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'galley.db')
    const db = openDatabase(file)
    const archive = path.join(dir, 'archive')
    writeArchive(archive, { seed: 7, pages: 16 })
    await importPaths(db, [archive], { workers: 0 })
    const api = createHandlers({ db, databasePath: file, mode: 'browser' })
    const pages = await api.listPages({})
    let paragraphs = 0
    for (const page of pages) {
      const detail = await api.getPage({ pageId: page.id })
      // Exactly the bodies the analysis proposed, read back from their line references.
      const proposed = proposePage(normalizeNewlines(getPageRow(db, page.id)!.originalText), null)
      expect(proposed.workingText).toBe(detail.revision.text)
      expect(detail.articles.map((a) => [a.headings, a.paragraphs, a.captions])).toEqual(proposed.articles.map((a) => [a.headings, a.paragraphs, a.captions]))
      const lines = detail.revision.text.split('\n')
      for (const a of detail.articles) {
        const inside = lines.slice(a.startLine, a.endLine + 1)
        for (const p of a.paragraphs) expect(inside).toContain(p.text)
        paragraphs += a.paragraphs.length
      }
    }
    expect(paragraphs).toBeGreaterThan(100)
    // What is stored is references: a body is a few bytes a paragraph, not the page again.
    const stored = db.prepare('SELECT SUM(length(body_json)) FROM articles').pluck().get() as number
    expect(stored / paragraphs).toBeLessThan(12)

    // An edit makes a new revision: the articles follow it and still read their words.
    const first = pages[0]!
    const before = await api.getPage({ pageId: first.id })
    const text = '新增一行\n' + before.revision.text
    await api.saveRevision({ pageId: first.id, baseRevisionId: before.revision.id, text })
    const after = listArticles(db, first.id)
    expect(after.map((a) => a.paragraphs)).toEqual(before.articles.map((a) => a.paragraphs))

    const out = path.join(dir, 'export')
    exportStore(db, { scope: { all: true }, formats: ['json'], outDir: out, includeUnapproved: true })
    const exported = fs.readdirSync(path.join(out, 'json'), { recursive: true }).map(String).filter((f) => f.endsWith('.json'))
    const words = exported.map((f) => fs.readFileSync(path.join(out, 'json', f), 'utf8')).join('')
    for (const a of before.articles.filter((a) => a.kind === 'article')) for (const p of a.paragraphs) expect(words).toContain(JSON.stringify(p.text).slice(1, -1))
    db.close()
  })
})
