// Shapes: keys coarser than a line's template, for lines whose words are new on every page
// (kickers, tagged titles, names alone), learnt from the editor's approved pages like templates.
// The lines are made up for these tests.
import { describe, expect, it } from 'vitest'
import { compileProfile, lineShapes, TEMPLATE_VERSION } from '../../src/core/analysis'
import { pageUnits } from '../../src/core/analysis/analyze'
import { guessRoles } from '../../src/core/analysis/roles'
import { learnRules, profileFromRules, ruleWeight, type PageEvidence } from '../../src/core/learning/learn'

describe('lineShapes', () => {
  it('gives a kicker on a dash, a column tag and a name alone their shape, and ordinary lines none', () => {
    expect(lineShapes('城南老街的新客人——')).toEqual(['@shape:ends-dash'])
    expect(lineShapes('河畔步道又添新景（城事观察）')).toEqual(['@shape:tagged', '@shape:tag（城事观察）'])
    expect(lineShapes('河畔步道又添新景(城事观察)')).toEqual(['@shape:tagged', '@shape:tag（城事观察）'])
    expect(lineShapes('王 小 明')).toEqual(['@shape:bare-name'])
    expect(lineShapes('区里今年修好了十二条背街小巷，居民出行更方便。')).toEqual([])
    expect(lineShapes('一'.repeat(60) + '——')).toEqual([])
  })
})

const page = (pageId: number, lines: [string, PageEvidence['lines'][number]['role']][]): PageEvidence => ({ pageId, lines: lines.map(([text, role]) => ({ text, role })) })

describe('learning shapes', () => {
  it('learns a shape the editor gave one role three times, and not one seen twice or with mixed roles', () => {
    const pages = [
      page(1, [['城南老街的新客人——', 'kicker'], ['河畔步道又添新景（城事观察）', 'title'], ['王小明', 'byline']]),
      page(2, [['一座小站的四十年——', 'kicker'], ['夜市的灯又亮了（城事观察）', 'title'], ['李华', 'caption']]),
      page(3, [['菜场里的新变化——', 'kicker'], ['图书馆延长开放时间', 'title'], ['赵丽', 'byline']])
    ]
    const rules = learnRules(pages)
    const shapes = rules.filter((r) => r.template.startsWith('@shape:'))
    expect(shapes).toEqual([expect.objectContaining({ template: '@shape:ends-dash', role: 'kicker', lines: 3, pages: 3 })])
    // two lines of a tag, and names alone that were bylines twice and a caption once: no rule
    expect(rules.some((r) => r.template.includes('城事观察'))).toBe(false)
    expect(rules.some((r) => r.template === '@shape:bare-name')).toBe(false)
  })

  it('weighs a shape below a template, and the role model adds it to a line of that shape', () => {
    expect(ruleWeight({ template: '@shape:ends-dash', lines: 3, pages: 3 })).toBeLessThanOrEqual(3)
    expect(ruleWeight({ template: '本版责编：X', lines: 1, pages: 1 })).toBe(4)
    const profile = profileFromRules('城南晚报', [{ template: '@shape:ends-dash', role: 'subhead', lines: 40, pages: 9 }])
    expect(profile.templateVersion).toBe(TEMPLATE_VERSION)
    const text = '菜场里的新变化——\n\n早市摊位重新排过，买菜的人多了，摊主说生意比去年好。'
    const { units } = pageUnits(text)
    const at = units.findIndex((u) => u.text.includes('——'))
    const cold = guessRoles(units)[at]!
    const warm = guessRoles(units, { profile: compileProfile(profile) })[at]!
    // a made-up role for the shape, so that only the profile can have put it there
    expect(cold.role).not.toBe('subhead')
    // at most 3 log-odds: the line is read as subhead, or the role it had is less sure than cold
    if (warm.role !== 'subhead') {
      expect(warm.role).toBe(cold.role)
      expect(warm.confidence).toBeLessThan(cold.confidence - 0.01)
    }
  })
})
