// The role model and the evidence it reads: held-out generated pages of papers laid out the
// national way (bench/synthetic/layouts.ts, a seed the fitting script never uses), edition
// evidence, and a publication profile.
import { describe, expect, it } from 'vitest'
import { analyzePage, editionEvidence, lineTemplate, TEMPLATE_VERSION, type PageProposal } from '../../src/core/analysis'
import { pageUnits } from '../../src/core/analysis/analyze'
import { FEATURES, guessRoles } from '../../src/core/analysis/roles'
import weights from '../../resources/structure/role-weights.json'
import { layoutEditionPages, type LayoutPage } from '../../bench/synthetic/layouts'

const squash = (s: string): string => s.replace(/[\s\u3000]+/g, '').replace(/[,():;?!]/g, (c) => ({ ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' })[c]!)

/** Held out: the fitting script uses seed 20260. */
const SEED = 7
const editions = Array.from({ length: 12 }, (_, e) => layoutEditionPages(SEED, e, 4))

function score(page: LayoutPage, p: PageProposal): { titles: number; found: number; leaks: number } {
  const bodies = p.articles.filter((a) => a.kind === 'article').flatMap((a) => a.paragraphs.map((x) => squash(x.text)))
  const titles = new Set(p.articles.flatMap((a) => a.headings.map(squash)))
  const wanted = page.lines.filter((l) => l.role === 'title').map((l) => squash(l.text))
  const furniture = page.lines.filter((l) => l.role === 'furniture').map((l) => squash(l.text))
  return {
    titles: wanted.length,
    found: wanted.filter((t) => titles.has(t)).length,
    leaks: furniture.filter((f) => bodies.some((b) => b.includes(f))).length
  }
}

describe('role model', () => {
  it('ships weights for the features the code computes', () => {
    expect(weights.features).toEqual(FEATURES)
    expect(weights.weights.every((row) => row.length === FEATURES.length + 1)).toBe(true)
  })

  it('gives most lines of held-out generated pages their role', () => {
    let right = 0
    let all = 0
    for (const pages of editions)
      for (const page of pages) {
        const { units } = pageUnits(page.text)
        expect(units.length).toBe(page.lines.length)
        guessRoles(units).forEach((g, i) => {
          all++
          if (g.role === page.lines[i]!.role) right++
        })
      }
    expect(right / all).toBeGreaterThanOrEqual(0.88)
  })

  it('finds the titles of held-out pages and keeps their furniture out of the text, better with the edition', () => {
    const cold = { titles: 0, found: 0, leaks: 0 }
    const warm = { titles: 0, found: 0, leaks: 0 }
    let furnitureLines = 0
    for (const pages of editions) {
      const evidence = editionEvidence(pages.map((p) => p.text))
      for (const page of pages) {
        furnitureLines += page.lines.filter((l) => l.role === 'furniture').length
        const a = score(page, analyzePage(page.text))
        const b = score(page, analyzePage(page.text, { edition: evidence }))
        for (const k of ['titles', 'found', 'leaks'] as const) {
          cold[k] += a[k]
          warm[k] += b[k]
        }
      }
    }
    console.log(`held-out layouts: titles cold ${(cold.found / cold.titles).toFixed(3)}, with edition ${(warm.found / warm.titles).toFixed(3)}; furniture leaks ${cold.leaks} / ${warm.leaks} of ${furnitureLines}`)
    // a guard on generalisation set just under what the model reached when it was fitted (0.646 to 0.685)
    expect(cold.found / cold.titles).toBeGreaterThanOrEqual(0.62)
    expect(warm.found).toBeGreaterThanOrEqual(cold.found)
    expect(warm.leaks).toBeLessThanOrEqual(cold.leaks)
    expect(warm.leaks / furnitureLines).toBeLessThanOrEqual(0.01)
  })
})

describe('edition evidence and profile', () => {
  // a line no cue knows, printed under every article of every page of the edition
  const places = ['桂源', '湖滨', '枫川', '临溪']
  const page = (n: number): string =>
    [
      `第${n}版  社区`,
      `${places[n - 1]}老街巷里的新变化`,
      '本报记者  林晓晨',
      `关注公众号 第${n}期`,
      '清晨，走进桂源街道，青石板路干净整洁，沿街商铺陆续开门营业。街道负责人介绍，改造后的老街吸引了不少游客。',
      '居民们说，如今出门就是风景，心里也敞亮了。',
      `${places[4 - n]}新建口袋公园迎客`,
      '本报记者  周  敏',
      `关注公众号 第${n}期`,
      '近日，位于湖滨社区的口袋公园建成开放，附近居民有了休闲好去处。公园里种上了桂花和月季。',
      '不少老人在这里下棋、聊天，孩子们在草坪上嬉戏。'
    ].join('\n\n')
  const pages = [1, 2, 3, 4].map(page)

  it('counts the templates that recur across the pages of an edition', () => {
    const evidence = editionEvidence(pages)
    expect(evidence.pages).toBe(4)
    expect(evidence.templates[lineTemplate('关注公众号 第2期')]).toBe(4)
    expect(evidence.templates[lineTemplate('桂源老街巷里的新变化')]).toBeUndefined()
  })

  it('sets a line that recurs on every page of the edition aside as furniture', () => {
    const p = analyzePage(pages[1]!, { edition: editionEvidence(pages) })
    expect(p.furniture.map(squash)).toContain(squash('关注公众号 第2期'))
    expect(p.articles.filter((a) => a.kind === 'article').map((a) => a.title)).toEqual(['湖滨老街巷里的新变化', '枫川新建口袋公园迎客'])
  })

  it("lets a publication's learnt templates decide a line's role", () => {
    // what the editor taught: this line of the paper is furniture, however it reads
    const line = '湖滨老街巷里的新变化'
    const profile = { publication: '晨光日报', templateVersion: TEMPLATE_VERSION, roleTemplates: [{ template: lineTemplate(line), role: 'furniture' as const, weight: 8 }] }
    expect(analyzePage(pages[1]!).articles.map((a) => a.title)).toContain(line)
    const p = analyzePage(pages[1]!, { profile })
    expect(p.furniture).toContain(line)
    expect(p.articles.map((a) => a.title)).not.toContain(line)
    // a profile of another template version is ignored
    const q = analyzePage(pages[1]!, { profile: { ...profile, templateVersion: TEMPLATE_VERSION + 1 } })
    expect(q.articles.map((a) => a.title)).toContain(line)
  })
})
