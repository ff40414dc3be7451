import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { defaultProposer } from '../../src/core/pipeline/defaultProposer'
import { onePerPlace } from '../../src/core/pipeline/refreshSuggestions'
import { listCorrections } from '../../src/core/store/queries/knowledge'
import type { SuggestionInput } from '../../src/core/store/queries/suggestions'
import { tempDir } from '../support/tmp'

// Suggestions that behave: one learnt row per lesson, one suggestion per place, and name
// variants judged by evidence where a page the editor approved outweighs unreviewed ones.

const b64 = (s: string): string => Buffer.from(s).toString('base64')

function setup() {
  const file = path.join(tempDir(), 'behave.db')
  const db = openDatabase(file)
  const api = createHandlers({ db, databasePath: file, mode: 'browser', propose: (text) => defaultProposer(db)(text) })
  return { db, api }
}

const PAGE_A = '社区开展清理行动\n\n本报讯（记者 王小明）近日，社区组织大学生态愿者开展清理行动，居民纷纷点赞。'

describe('suggestions that behave', () => {
  it('learns an accepted suggestion once, though the accept is also a typed change', async () => {
    const { db, api } = setup()
    await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(PAGE_A) }] })
    const page = await api.getPage({ pageId: 1 })
    const typo = page.suggestions.find((s) => s.original === '态' && s.replacement === '志')!
    expect(typo).toBeTruthy()
    // What the workbench does: the fix in the text (saved, learnt as typed), then the decision.
    const text = page.revision.text.slice(0, typo.start) + '志' + page.revision.text.slice(typo.end)
    await api.decideSuggestion({ suggestionId: typo.id, decision: 'accepted' })
    await api.saveRevision({ pageId: 1, baseRevisionId: page.revision.id, text })
    expect(listCorrections(db)).toEqual([expect.objectContaining({ original: '态愿者', replacement: '志愿者', decision: 'accepted' })])
    db.close()
  })

  it('shows a suggestion once, however many rules or passes found it, also after a restore', async () => {
    const at = (start: number, rule: string, confidence: number): SuggestionInput => ({ rule, start, end: start + 1, original: '态', replacement: '志', confidence, message: '' })
    expect(onePerPlace([at(5, 'typo', 0.6), at(5, 'dictionary', 0.9), at(2, 'typo', 0.5)]).map((s) => [s.start, s.rule])).toEqual([
      [2, 'typo'],
      [5, 'dictionary']
    ])

    const { db, api } = setup()
    await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(PAGE_A + '\n又有几位老认报名。') }] })
    const page = await api.getPage({ pageId: 1 })
    const typo = page.suggestions.find((s) => s.original === '态')!
    const text = page.revision.text.slice(0, typo.start) + '志' + page.revision.text.slice(typo.end)
    const saved = await api.saveRevision({ pageId: 1, baseRevisionId: page.revision.id, text })
    await api.decideSuggestion({ suggestionId: typo.id, decision: 'accepted' })
    const counts: number[] = []
    let base = saved.revisionId
    for (let i = 0; i < 3; i++) {
      const restored = await api.restoreRevision({ pageId: 1, revisionId: page.revision.id, baseRevisionId: base })
      const places = restored.suggestions.map((s) => `${s.start}:${s.end}:${s.replacement}`)
      expect(new Set(places).size, places.join(' ')).toBe(places.length)
      counts.push(restored.suggestions.length)
      const again = await api.restoreRevision({ pageId: 1, revisionId: saved.revisionId, baseRevisionId: restored.revisionId })
      base = again.revisionId
    }
    // The same text gives the same suggestions, not more each time.
    expect(new Set(counts).size).toBe(1)
    db.close()
  })

  it('judges name variants by pages, an approved page above unreviewed ones, and again when the text changes', async () => {
    const { api } = setup()
    const approved = '图书馆新馆开放\n\n本报讯（记者 赵丽）新馆今日开放。'
    // The misreading twice on one unreviewed page: one witness, not two.
    const misread = '夜市延长营业\n\n本报讯（记者 越丽）夜市今起延长营业。\n越丽 摄'
    await api.importFiles({ files: [{ name: 'lib_01.txt', dataBase64: b64(approved) }, { name: 'mkt_02.txt', dataBase64: b64(misread) }] })
    const variants = async (pageId: number) => (await api.getPage({ pageId })).suggestions.filter((s) => s.rule === 'name-variant').map((s) => [s.original, s.replacement])
    // One page each: no spelling has the better case; the right one is never called the variant.
    expect(await variants(1)).toEqual([])

    await api.approvePage({ pageId: 1, flagged: true })
    expect(await variants(1)).toEqual([])
    expect(await variants(2)).toEqual([
      ['越丽', '赵丽'],
      ['越丽', '赵丽']
    ])

    // Fixed by hand: the page no longer witnesses the misreading, nothing is left to suggest.
    const page = await api.getPage({ pageId: 2 })
    await api.saveRevision({ pageId: 2, baseRevisionId: page.revision.id, text: page.revision.text.replaceAll('越丽', '赵丽') })
    expect(await variants(2)).toEqual([])
    expect(await variants(1)).toEqual([])
  })
})
