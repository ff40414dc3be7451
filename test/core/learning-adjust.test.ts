import { describe, expect, it } from 'vitest'
import { pageUnits } from '../../src/core/analysis/analyze'
import { FEATURES, alignAdjustment, guessRoles } from '../../src/core/analysis/roles'
import { fitAdjustment, type LabelledPage } from '../../src/core/learning/adjust'
import { rolesOnOriginal } from '../../src/core/learning/publicationProfile'
import type { StructureRole } from '../../src/shared/types'

// What the editor's approved pages teach the role model of one paper carries to a page with other
// words: a convention (here, a bracketed source line printed under every title, which the editor
// marks as furniture), not the lines' text. The pages are made up for this test.

const PLACES = ['城东区', '河西县', '南湖镇', '北山乡', '临江市', '西岭村', '东港区', '青石镇']
const TOPICS = ['修缮老街', '开通公交', '建成公园', '整治河道', '新建学校', '扩建医院', '改造菜场', '铺设管网']
const SOURCES = ['融媒体中心', '广播电视台', '新闻中心', '宣传办']

/** A made-up page of `n` articles; `seed` varies the words. Lines are returned with their roles. */
function page(seed: number, n = 4): { text: string; roles: StructureRole[] } {
  const lines: Array<[StructureRole, string]> = []
  for (let k = 0; k < n; k++) {
    const place = PLACES[(seed * 3 + k) % PLACES.length]!
    const topic = TOPICS[(seed + k * 5) % TOPICS.length]!
    const source = SOURCES[(seed + k) % SOURCES.length]!
    lines.push(['title', `${place}${topic}进展顺利`])
    lines.push(['furniture', `（来源：${PLACES[(seed + k + 2) % PLACES.length]}${source}）`])
    lines.push(['body', `近日，${place}${topic}工程取得新进展，相关部门表示将在年内完成全部建设任务，居民对此普遍表示期待。`])
    lines.push(['body', `据介绍，${topic}项目总投资约${seed + k + 3}亿元，建成后将惠及周边${k + 2}万名居民，进一步改善当地生活条件。`])
    lines.push(['body', `下一步，${place}将继续加大投入力度，确保工程质量和施工安全，让群众早日享受发展成果。`])
  }
  return { text: lines.map(([, t]) => t).join('\n\n'), roles: lines.map(([r]) => r) }
}

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
