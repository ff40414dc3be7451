import type { Locale } from '../i18n'

// Monaco's own strings in the UI's language: the monaco-editor package ships its translations as
// modules that fill `globalThis._VSCODE_NLS_MESSAGES`, read when the editor's modules load. English
// is what Monaco is written in: nothing to load. The language the editor started in stays until the
// next start (the settings dialog says so when the UI's language is changed).

let loaded: Locale | null = null

export async function loadMonacoMessages(locale: Locale): Promise<void> {
  if (locale === 'zh-CN') await import('monaco-editor/esm/nls.messages.zh-cn.js')
  loaded = locale
}

/** The language Monaco's own strings are in for this run. */
export function monacoLocale(): Locale | null {
  return loaded
}
