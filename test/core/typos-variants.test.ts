import { describe, expect, it } from 'vitest'
import { detectSuspicious, loadTypoModel, type TypoSuggestion } from '../../src/core/typos'
import { shareModel, adoptModel } from '../../src/core/typos/sharedModel'
import { typosAfterEdit } from '../../src/core/pipeline/refreshSuggestions'

// Pages set in traditional script (Hong Kong, Taiwan): judged through a simplified view of them
// (src/core/typos/variants.ts, resources/typos/variants.tsv). The texts are written for this test.

const model = loadTypoModel()
const typos = (s: TypoSuggestion[]): TypoSuggestion[] => s.filter((x) => x.rule === 'typo')

const TRADITIONAL = [
  '市政府昨天上午舉行新圖書館開幕典禮，市長致詞時表示，新館共有六層，藏書超過五十萬冊，',
  '並設有兒童閱讀區和自修室，開放時間延長到晚上十點，方便上班族和學生使用。',
  '圖書館表示，市民只要持有借書證，就可以在全市各分館借書和還書，也可以透過網路預約熱門書籍。',
  '不少家長帶著孩子前來參觀，一位母親說，過去要到市中心才能借到新書，現在走路十分鐘就到了，非常方便。',
  '（記者王大明／報導）'
].join('\n')

describe('pages in traditional script', () => {
  it('ships the variants of the Unicode Han database: traditional forms and their simplified ones', () => {
    const v = model.variants!
    expect(v).not.toBeNull()
    const code = (s: string): number => s.charCodeAt(0)
    expect(String.fromCharCode(v.traditional(code('长')))).toBe('長')
    expect(String.fromCharCode(v.traditional(code('发')))).toBe('發')
    // A character both scripts write stays as it is.
    expect(String.fromCharCode(v.traditional(code('人')))).toBe('人')
    expect(String.fromCharCode(v.traditional(code('着')))).toBe('着')
  })

  it('reads a traditional page through a simplified view at the same offsets, and a simplified page as it is', () => {
    const v = model.variants!
    const view = v.simplifiedView(TRADITIONAL)
    expect(view).not.toBeNull()
    expect(view!.length).toBe(TRADITIONAL.length)
    expect(view).toContain('市长致词时表示')
    expect(view).toContain('（记者王大明／报导）')
    // Simplified text, even with a traditional name or caption in it, is not converted.
    expect(v.simplifiedView('市政府昨天上午举行新图书馆开幕典礼，市长致词时表示，新馆共有六层。')).toBeNull()
    expect(v.simplifiedView('书法家题写的“龍騰”二字挂在大厅正中，市民纷纷拍照留念，新馆共有六层，藏书超过五十万册。')).toBeNull()
  })

  it('raises no false alarm on a clean traditional page, where the simplified model read as it is wants every traditional form changed', () => {
    expect(typos(detectSuspicious(TRADITIONAL, {}, model))).toEqual([])
    // Without the view (the model's variants taken away) the same page is full of them.
    const bare = { ...model, variants: null }
    expect(typos(detectSuspicious(TRADITIONAL, {}, bare)).length).toBeGreaterThan(2)
  })

  it('finds misreadings of a traditional page and proposes the fix in traditional script', () => {
    const misread = TRADITIONAL.replace('市長致詞', '市長致調').replace('方便上班族', '方便上班旅')
    const found = typos(detectSuspicious(misread, {}, model))
    const at = (s: TypoSuggestion): string => `${misread.slice(s.start, s.end)}→${s.replacement}`
    expect(found.map(at)).toContain('調→詞')
    for (const s of found) {
      // Every fix is written in traditional form: none is a form only simplified script writes.
      expect(model.variants!.traditional(s.replacement.charCodeAt(0))).toBe(s.replacement.charCodeAt(0))
      expect(s.original).toBe(misread.slice(s.start, s.end))
    }
    const fix = found.find((s) => misread.slice(s.start, s.end) === '調')!
    expect(fix.message).toContain('致詞')
  })

  it('judges the lines an edit changed in their page\'s script, however few traditional forms they hold', () => {
    // A title with two traditional-only forms, set apart by a rule line: alone it reads as
    // simplified text, and 種 and 冠 look misread.
    const line = '本港新冠疫苗接種率持續上升'
    expect(typos(detectSuspicious(line, {}, model)).length).toBeGreaterThan(0)
    expect(typos(detectSuspicious(line, { traditional: true }, model))).toEqual([])
    const rule = '\n' + '—'.repeat(32) + '\n'
    const before = TRADITIONAL + rule + '本港新冠疫苗接種率持續' + rule
    const after = TRADITIONAL + rule + line + rule
    expect(typosAfterEdit([], before, after)).toEqual([])
  })

  it('hands the variants to another thread with the rest of the model', () => {
    const adopted = adoptModel(structuredClone(shareModel(model)))
    expect(adopted.variants!.simplifiedView(TRADITIONAL)).toBe(model.variants!.simplifiedView(TRADITIONAL))
  })
})
