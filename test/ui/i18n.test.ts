import { describe, expect, it } from 'vitest'
import { catalogues, format, pickLocale, reasonLabel, ruleLabel, translator } from '../../src/renderer/src/i18n'
import { zh } from '../../src/renderer/src/i18n/zh'
import { SHORTCUTS } from '../../src/renderer/src/state/shortcuts'

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

describe('message catalogue', () => {
  it('has every key in every locale, non-empty, with the same placeholders', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), locale).toEqual(Object.keys(zh).sort())
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim().length, `${locale} ${key}`).toBeGreaterThan(0)
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(zh[key as keyof typeof zh]))
      }
    }
  })

  it('speaks Chinese in the Chinese catalogue', () => {
    const chinese = Object.values(zh).filter((s) => /\p{Script=Han}/u.test(s)).length
    expect(chinese / Object.keys(zh).length).toBeGreaterThan(0.9)
  })

  it('names every shortcut action', () => {
    for (const s of SHORTCUTS) expect(zh).toHaveProperty(`action.${s.action}`)
  })

  it('follows the system locale, Chinese by default, and a stored choice first', () => {
    expect(pickLocale(null, ['en-US'])).toBe('en')
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN')
    expect(pickLocale(null, ['fr-FR'])).toBe('zh-CN')
    expect(pickLocale('en', ['zh-CN'])).toBe('en')
    expect(pickLocale('xx', ['en-GB'])).toBe('en')
  })

  it('fills placeholders and names rules and revision reasons', () => {
    expect(format('{a} 和 {b}', { a: 1, b: '二' })).toBe('1 和 二')
    const t = translator('zh-CN')
    expect(t('sidebar.pageLabel', { label: '05' })).toBe('第 05 版')
    expect(ruleLabel(t, 'typo')).toBe('错别字')
    expect(ruleLabel(t, 'some-new-rule')).toBe('some-new-rule')
    expect(reasonLabel(t, 'restore revision 12')).toBe('恢复修订 #12')
    expect(reasonLabel(translator('en'), 'import')).toBe('import')
  })
})
