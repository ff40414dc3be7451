import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { defaultProposer } from '../../src/core/pipeline/defaultProposer'
import { listCorrections } from '../../src/core/store/queries/knowledge'
import { tempDir } from '../support/tmp'

const b64 = (s: string) => Buffer.from(s).toString('base64')

function setup() {
  const file = path.join(tempDir(), 'learn.db')
  const db = openDatabase(file)
  const proposer = (text: string) => defaultProposer(db)(text)
  const api = createHandlers({ db, databasePath: file, mode: 'browser', propose: proposer })
  return { db, api }
}

const PAGE_A = '社区开展清理行动\n\n本报讯（记者 王小明）近日，社区组织大学生态愿者开展清理行动，居民纷纷点赞。'
const PAGE_B = '文明新风进校园\n\n本报讯（记者 李华）日前，学校组织态愿者走进课堂，讲解垃圾分类知识。'

describe("learning from the editor's decisions", () => {
  it('suggests the look-alike fix, and an accepted fix becomes a dictionary entry used on other pages', async () => {
    const { db, api } = setup()
    await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(PAGE_A) }] })
    const page = await api.getPage({ pageId: 1 })
    const typo = page.suggestions.find((s) => s.original === '态' && s.replacement === '志')
    expect(typo, JSON.stringify(page.suggestions)).toBeTruthy()
    await api.decideSuggestion({ suggestionId: typo!.id, decision: 'accepted' })
    expect(listCorrections(db)).toEqual([expect.objectContaining({ original: '态愿者', replacement: '志愿者', decision: 'accepted' })])

    await api.importFiles({ files: [{ name: 'b_01.txt', dataBase64: b64(PAGE_B) }] })
    const other = await api.getPage({ pageId: 2 })
    expect(other.suggestions.some((s) => s.rule === 'dictionary' && s.replacement === '志愿者')).toBe(true)
    db.close()
  })

  it('fixes all occurrences across the store, one revision a page, each undoable', async () => {
    const { db, api } = setup()
    await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(PAGE_A) }, { name: 'b_02.txt', dataBase64: b64(PAGE_B) }] })
    expect(await api.previewCorrection({ original: '态愿者', scope: 'all' })).toEqual({ pages: 2, occurrences: 2 })
    const applied = await api.applyCorrection({ original: '态愿者', replacement: '志愿者', scope: 'all' })
    expect(applied).toMatchObject({ pages: 2, occurrences: 2 })
    const fixed = await api.getPage({ pageId: 1 })
    expect(fixed.revision.text).toContain('大学生志愿者')
    expect(fixed.revision.reason).toMatch(/fix all/)
    // Undo on one page: restore the revision before the fix.
    const history = await api.listRevisions({ pageId: 1 })
    await api.restoreRevision({ pageId: 1, revisionId: history[1]!.id, baseRevisionId: fixed.revision.id })
    expect((await api.getPage({ pageId: 1 })).revision.text).toContain('大学生态愿者')
    expect((await api.getPage({ pageId: 2 })).revision.text).toContain('组织志愿者')
    db.close()
  })

  it('does not offer a rejected fix again in that place', async () => {
    const { db, api } = setup()
    await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(PAGE_A) }] })
    const page = await api.getPage({ pageId: 1 })
    const typo = page.suggestions.find((s) => s.original === '态')!
    await api.decideSuggestion({ suggestionId: typo.id, decision: 'rejected' })
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: page.revision.id, text: page.revision.text + '\n新增一段。' })
    expect(saved.suggestions.some((s) => s.original === '态' && s.replacement === '志')).toBe(false)
    db.close()
  })

  it('learns a replacement typed by hand', async () => {
    const { db, api } = setup()
    await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(PAGE_A) }] })
    const page = await api.getPage({ pageId: 1 })
    await api.saveRevision({ pageId: 1, baseRevisionId: page.revision.id, text: page.revision.text.replace('大学生态愿者', '大学生志愿者') })
    expect(listCorrections(db)).toEqual([expect.objectContaining({ original: '态愿者', replacement: '志愿者', decision: 'accepted' })])
    db.close()
  })

  it('never flags a protected term', async () => {
    const { db, api } = setup()
    await api.setProtectedTerm({ term: '态愿者', protected: true })
    await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(PAGE_A) }] })
    const page = await api.getPage({ pageId: 1 })
    expect(page.suggestions.filter((s) => s.start >= page.revision.text.indexOf('态愿者') - 1 && s.end <= page.revision.text.indexOf('态愿者') + 4)).toEqual([])
    db.close()
  })

  describe('what holds in a publication', () => {
    // Imports as the app does them: structure first, then the suggestion pass.
    function appSetup() {
      const file = path.join(tempDir(), 'pub.db')
      const db = openDatabase(file)
      return { db, api: createHandlers({ db, databasePath: file, mode: 'browser' }) }
    }
    const typoFixes = (p: { suggestions: { rule: string; original: string; replacement: string }[] }) =>
      p.suggestions.filter((s) => s.rule === 'typo').map((s) => `${s.original}→${s.replacement}`)

    it('does not offer a rejected character fix again for the same word on its other pages', async () => {
      const { db, api } = appSetup()
      await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64('社区新闻\n\n社区为独居老认送去了年夜饭。') }] })
      const a = await api.getPage({ pageId: 1 })
      expect(typoFixes(a)).toEqual(['认→人'])
      await api.decideSuggestion({ suggestionId: a.suggestions.find((s) => s.rule === 'typo')!.id, decision: 'rejected' })
      await api.importFiles({ files: [{ name: 'b_01.txt', dataBase64: b64('人物\n\n这位八十岁的老认说，日子越过越好。\n\n我们要全心全意为认民服务。') }] })
      // 老认 again: not offered; 认民 is another word: offered.
      expect(typoFixes(await api.getPage({ pageId: 2 }))).toEqual(['认→人'])
      const b = await api.getPage({ pageId: 2 })
      expect(b.revision.text.slice(b.suggestions[0]!.start - 1, b.suggestions[0]!.end + 1)).toBe('为认民')
      db.close()
    })

    it('takes a word of its approved pages as a word on its other pages', async () => {
      const { db, api } = appSetup()
      const column = '专栏\n\n老认是他的笔名。老认写了很多文章，老认的读者遍布全城。'
      await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(column) }] })
      await api.approvePage({ pageId: 1 })
      await api.importFiles({ files: [{ name: 'b_01.txt', dataBase64: b64('社区新闻\n\n社区为独居老认送去了年夜饭。') }] })
      expect(typoFixes(await api.getPage({ pageId: 2 }))).toEqual([])
      db.close()
    })
  })
})
