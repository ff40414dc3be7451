import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzePage } from '../../src/core/analysis'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { allReproposalsSettled } from '../../src/core/learning/reproposalJobs'
import { publicationProfile } from '../../src/core/learning/publicationProfile'
import { tempDir } from '../support/tmp'
import { b64 } from '../support/learningPages'
import { pageUnits } from '../../src/core/analysis/analyze'
import { FEATURES, alignAdjustment, guessRoles } from '../../src/core/analysis/roles'
import { fitAdjustment, type LabelledPage } from '../../src/core/learning/adjust'
import { rolesOnOriginal } from '../../src/core/learning/publicationProfile'
import type { StructureRole } from '../../src/shared/types'
import { PROFILE_FORMAT, profileFileSchema } from '../../src/shared/learningFiles'
import { conventionPage, conventionPage as page, conventionStructure } from '../support/conventionPages'

// What the editor's approved pages teach the role model of one paper carries to a page with other
// words: a convention (here, a bracketed source line printed under every title, which the editor
// marks as furniture), not the lines' text. The pages are made up for this test.

function labelled(seed: number): LabelledPage {
  const p = page(seed)
  const roles = new Map<number, StructureRole>()
  p.roles.forEach((r, i) => roles.set(i * 2, r))
  return { text: p.text, roles }
}

const sourceLines = (text: string): number[] => pageUnits(text).units.flatMap((u, i) => (u.text.startsWith('（来源') ? [i] : []))

describe('the role model adjusted to a paper', () => {
  it('needs enough lines to say anything', () => {
    const one = labelled(1)
    const few = new Map([...one.roles].slice(0, 10))
    expect(fitAdjustment([{ ...one, roles: few }])).toBeNull()
  })

  it('carries the convention the editor showed on some pages to a page with other words', () => {
    const adjustment = fitAdjustment([labelled(1), labelled(2), labelled(3)])
    expect(adjustment).not.toBeNull()
    const fresh = page(6)
    // the new page's source lines are not lines the editor saw
    const taughtLines = new Set([1, 2, 3].flatMap((s) => page(s).text.split('\n')))
    const { units } = pageUnits(fresh.text)
    const sources = sourceLines(fresh.text)
    expect(sources.length).toBe(4)
    expect(sources.some((i) => !taughtLines.has(units[i]!.text))).toBe(true)
    const cold = guessRoles(units)
    const warm = guessRoles(units, { adjustment })
    for (const i of sources) {
      expect(warm[i]!.role).toBe('furniture')
      if (cold[i]!.role === 'furniture') expect(warm[i]!.confidence).toBeGreaterThan(cold[i]!.confidence)
    }
    // and the rest of the page reads as it did: titles stay titles, text stays text
    units.forEach((u, i) => {
      if (sources.includes(i)) return
      const role = fresh.roles[i]
      if (role === 'title') expect(['title', 'kicker', 'subtitle', 'banner']).toContain(warm[i]!.role)
      if (role === 'body') expect(warm[i]!.role).toBe('body')
    })
  })

  it('is read by feature name: features it does not know are left out, its order does not matter', () => {
    const adjustment = fitAdjustment([labelled(1), labelled(2), labelled(3)])!
    const aligned = alignAdjustment(adjustment)!
    const order = adjustment.features.map((_, i) => i).reverse()
    const shuffled = {
      features: [...order.map((i) => adjustment.features[i]!), 'a.feature.of.another.model'],
      roles: adjustment.roles,
      deltas: adjustment.deltas.map((row) => [...order.map((i) => row[i]!), 5, row[row.length - 1]!])
    }
    expect(alignAdjustment(shuffled)).toEqual(aligned)
    expect(aligned[0]!.length).toBe(FEATURES.length + 1)
    expect(alignAdjustment({ features: ['nothing.known'], roles: ['title'], deltas: [[3, 0]] })).toBeNull()
  })
})

describe('how the paper stacks its heads, from the approved pages', () => {
  const KICKERS = ['城东区持续推进老旧小区改造提升', '河西县加快建设现代农业示范园区', '南湖镇着力打造生态旅游特色小镇', '北山乡扎实推进农村人居环境整治']
  const TITLES = ['三百户居民喜迁新居', '两千亩大棚喜获丰收', '游客数量同比增长三成', '村容村貌焕然一新']
  /** A made-up page of four stories, each under a two-line head; `kickerOver`: the editor read the upper line as the kicker. */
  function stacked(seed: number, kickerOver: boolean): LabelledPage {
    const lines: Array<[StructureRole, string]> = []
    for (let k = 0; k < 4; k++) {
      const i = (seed + k) % 4
      lines.push([kickerOver ? 'kicker' : 'title', KICKERS[i]!])
      lines.push([kickerOver ? 'title' : 'subtitle', TITLES[(i + seed) % 4]!])
      lines.push(['body', `近日，记者从有关部门获悉，第${seed + k}批项目已经全面完工并投入使用，当地群众对此纷纷点赞，表示生活更加便利了。`])
      lines.push(['body', `据介绍，项目总投资约${seed + k + 3}亿元，建成后将惠及周边${k + 2}万名居民，进一步改善当地生产生活条件。`])
      lines.push(['body', '下一步，当地将继续加大投入力度，确保工程质量和安全，让群众早日享受到发展带来的实实在在的成果。'])
    }
    const roles = new Map<number, StructureRole>()
    lines.forEach(([r], i) => roles.set(i * 2, r))
    return { text: lines.map(([, t]) => t).join('\n\n'), roles }
  }

  it('learns kickers over titles, or titles over subtitles, and reads a new page that way', () => {
    const kickers = fitAdjustment([stacked(1, true), stacked(2, true), stacked(3, true)])!
    const titles = fitAdjustment([stacked(1, false), stacked(2, false), stacked(3, false)])!
    expect(kickers.stackVotes).toBe(12)
    expect(titles.stackVotes).toBe(-12)
    // a fresh page whose heads the column tags say nothing of: alone, the longer upper line is read as the title
    const fresh = stacked(5, true).text
    const heads = (adjustment: typeof kickers | null) =>
      analyzePage(fresh, adjustment ? { profile: { publication: 'x', templateVersion: 1, roleTemplates: [], roleAdjustment: adjustment } } : {})
        .articles.filter((a) => a.kind === 'article')
        .map((a) => [a.kicker, a.title])
    const upper = (t: string): boolean => KICKERS.includes(t)
    expect(heads(null).every(([, title]) => upper(title!))).toBe(true)
    expect(heads(kickers).every(([kicker, title]) => upper(kicker!) && !upper(title!))).toBe(true)
    expect(heads(titles).every(([, title]) => upper(title!))).toBe(true)
  })

  it('travels in a profile file with the adjustment', () => {
    const kickers = fitAdjustment([stacked(1, true), stacked(2, true)])!
    const file = { format: PROFILE_FORMAT, version: 1, publication: 'x', templateVersion: 1, rules: [], model: { ...kickers, pages: 2, lines: 40 } }
    expect(profileFileSchema.parse(JSON.parse(JSON.stringify(file))).model?.stackVotes).toBe(8)
  })

  it('does not count a dash subtitle under a title', () => {
    const page = stacked(1, false)
    const dashed = { ...page, text: page.text.replace(/^(三百户|两千亩|游客数量|村容村貌)/gm, '——$1') }
    expect(fitAdjustment([dashed, dashed, dashed])!.stackVotes).toBeUndefined()
  })
})

describe('roles on the original text', () => {
  it('are found from the working text, a paragraph joined from lines cut by a column break', () => {
    const original = '标题一行\n\n第一段的前半部分，\n被分栏切开的后半部分。\n\n本版编辑：某某'
    const working = ['标题一行', '', '第一段的前半部分，被分栏切开的后半部分。', '', '本版编辑：某某']
    const roles = new Map<number, StructureRole>([
      [0, 'title'],
      [2, 'body'],
      [4, 'furniture']
    ])
    expect([...rolesOnOriginal(original, working, roles)]).toEqual([
      [0, 'title'],
      [2, 'body'],
      [3, 'body'],
      [5, 'furniture']
    ])
  })
})

describe('a publication whose editor approved pages', () => {
  it('proposes its untouched pages with the adjustment, carries it in its profile file, and undoes it', async () => {
    const file = path.join(tempDir(), 'adjust.db')
    const db = openDatabase(file)
    const api = createHandlers({ db, databasePath: file, mode: 'browser' })
    const seeds = [1, 2, 3, 6]
    await api.importFiles({ files: seeds.map((s) => ({ name: `县报_2024-07-0${s}_01.txt`, dataBase64: b64(conventionPage(s).text) })), edition: '县报 合订', publication: '县报' })
    const pages = await api.listPages({})
    const id = (seed: number): number => pages[seeds.indexOf(seed)]!.id
    // The source lines set aside: in none of the page's articles' headings, byline or paragraphs.
    const sourcesOf = async (pageId: number): Promise<string[]> => {
      const page = await api.getPage({ pageId })
      const read = page.articles.filter((x) => x.kind !== 'furniture').flatMap((x) => [...x.headings, x.byline ?? '', ...x.paragraphs.map((p) => p.text)])
      return page.revision.text.split('\n').filter((l) => l.startsWith('（来源') && !read.some((t) => t.includes(l)))
    }
    expect(await sourcesOf(id(6))).toEqual([])

    for (const seed of [1, 2, 3]) {
      await api.setPageStructure({ pageId: id(seed), structure: conventionStructure(seed) })
      await api.approvePage({ pageId: id(seed) })
    }
    await allReproposalsSettled(db)
    const publication = (await api.listPublications({}))[0]!
    expect(publication.model).toMatchObject({ pages: 3, origin: 'learnt', state: 'active' })
    // Page 6, untouched, is proposed again: its source lines, words the editor never saw, are furniture.
    expect(await sourcesOf(id(6))).toHaveLength(4)
    const changes = (await api.listPageChanges({ pageId: id(6) }))[0]!.changes
    // each source line told as changed to furniture (by a template seen on the approved pages, or by the adjustment), and the lines the adjustment moved told as such
    expect(changes.filter((c) => c.role === 'furniture' && c.line.startsWith('（来源')).length).toBe(4)
    expect(changes).toContainEqual(expect.objectContaining({ ruleId: null, template: '@model', message: expect.stringContaining('learnt from your approved pages of 县报: lines like this one are') }))

    // The profile file carries it to another workstation.
    const profile = await api.exportProfile({ publicationId: publication.id })
    expect(profile.model).toMatchObject({ pages: 3, state: 'active' })
    const otherFile = path.join(tempDir(), 'other.db')
    const other = openDatabase(otherFile)
    const api2 = createHandlers({ db: other, databasePath: otherFile, mode: 'browser' })
    const imported = await api2.importProfile({ publication: '县报', profile: JSON.parse(JSON.stringify(profile)) })
    expect((await api2.listPublications({}))[0]!.model).toMatchObject({ origin: 'imported', state: 'active' })
    const warm = analyzePage(conventionPage(7).text, { profile: publicationProfile(other, imported.publicationId) })
    expect(warm.furniture.filter((t) => t.startsWith('（来源'))).toHaveLength(4)
    other.close()

    // Undone, the untouched page is proposed again without it.
    const undone = await api.setLearntModelState({ publicationId: publication.id, state: 'undone' })
    expect(undone.model?.state).toBe('undone')
    await allReproposalsSettled(db)
    // (the source lines the approved pages printed too stay furniture: their templates are rules of their own)
    const taught = new Set([1, 2, 3].flatMap((s) => conventionPage(s).text.split('\n')))
    const unseen = conventionPage(6).text.split('\n').filter((l) => l.startsWith('（来源') && !taught.has(l))
    expect(unseen.length).toBeGreaterThan(0)
    expect((await sourcesOf(id(6))).filter((l) => unseen.includes(l))).toEqual([])
    db.close()
  })
})
