import { en } from './en'
import { zh, type MessageKey } from './zh'

export type { MessageKey } from './zh'
export type Locale = 'zh-CN' | 'en'
export const LOCALES: readonly Locale[] = ['zh-CN', 'en']
export const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en }

const STORAGE_KEY = 'galley-locale'

/** Chinese unless the system asks for English; a choice made in settings wins. */
export function pickLocale(stored: string | null, systemLanguages: readonly string[]): Locale {
  if (stored === 'zh-CN' || stored === 'en') return stored
  for (const lang of systemLanguages) {
    const l = lang.toLowerCase()
    if (l.startsWith('zh')) return 'zh-CN'
    if (l.startsWith('en')) return 'en'
  }
  return 'zh-CN'
}

/**
 * Fills {name} from params. {name#one=…|other=…} picks the form for the number by the locale's
 * plural rules (Intl.PluralRules): "1 hit", "2 hits"; a missing category falls back to other.
 */
export function format(template: string, params: Record<string, string | number> = {}, locale: Locale = 'zh-CN'): string {
  const plural = new Intl.PluralRules(locale)
  return template
    .replace(/\{(\w+)#([^{}]*)\}/g, (whole, name: string, forms: string) => {
      const value = params[name]
      if (typeof value !== 'number') return whole
      const byCategory = new Map(forms.split('|').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] as const))
      return byCategory.get(plural.select(value)) ?? byCategory.get('other') ?? whole
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale]
  return (key, params) => format(catalogue[key] ?? zh[key], params, locale)
}

export function loadLocale(): Locale {
  let stored: string | null = null
  try {
    stored = localStorage.getItem(STORAGE_KEY)
  } catch {
    // storage may be unavailable; the system locale decides
  }
  return pickLocale(stored, navigator.languages?.length ? navigator.languages : [navigator.language])
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // not persisted: the choice holds for this session
  }
}

/** A rule's name for people; unknown rules keep their code. */
export function ruleLabel(t: Translate, rule: string): string {
  const key = `rule.${rule}` as MessageKey
  return key in zh ? t(key) : rule
}

/** A revision's reason for people: the store's known reasons are translated, others shown as they are. */
export function reasonLabel(t: Translate, reason: string): string {
  if (reason === 'edit' || reason === 'import') return t(`reason.${reason}`)
  const restore = /^restore revision (\d+)$/.exec(reason)
  return restore ? t('reason.restore', { id: restore[1]! }) : reason
}
