import { describe, expect, it } from 'vitest'
import { translator } from '../../src/renderer/src/i18n'
import { suggestionMessage } from '../../src/renderer/src/i18n/suggestions'
import { loadPreferences, savePreferences } from '../../src/renderer/src/state/exportPreferences'
import { matchShortcut } from '../../src/renderer/src/state/shortcuts'

// Suggestions come from core with an English message for the CLI; the workbench explains them
// in its own language from their rule and fields.

const s = (rule: string, original: string, replacement: string) => ({ rule, original, replacement })

describe('suggestion messages', () => {
  it('are written in Chinese by default and in English when asked, from the rule and the change', () => {
    const zh = translator('zh-CN')
    const en = translator('en')
    expect(suggestionMessage(zh, s('typo', '态', '志'))).toBe('“态”在此处不成常用词，疑为形近字“志”识别错误')
    expect(suggestionMessage(en, s('typo', '态', '志'))).toBe('“态” makes no common word here; probably a misread look-alike of “志”')
    expect(suggestionMessage(zh, s('name-variant', '王小朋', '王小明'))).toContain('更常见的写法“王小明”')
    expect(suggestionMessage(zh, s('dictionary', '态愿者', '志愿者'))).toBe('此前已把“态愿者”改为“志愿者”，这里也改吗？')
    expect(suggestionMessage(zh, s('duplicate', '重复的一段', ''))).toBe('与本版前文重复，删除这一处？')
    expect(suggestionMessage(en, s('duplicate', '重复的一段', ''))).toBe('Repeats text printed earlier on the page; remove this copy?')
  })

  it('name the words of a misreading, as core found them', () => {
    const typo = { ...s('typo', '末', '未'), message: '末来 is not a word here; 未来 is, and OCR often reads 未 as 末' }
    expect(suggestionMessage(translator('en'), typo)).toBe('“末来” is not a word here; “未来” is, and OCR often reads “未” as “末”')
    expect(suggestionMessage(translator('zh-CN'), typo)).toBe('“末来”在此处不成词，应为“未来”：OCR 常把“未”认成“末”')
    const misfit = { ...s('typo', '入', '人'), message: '入口 does not fit here; 人口 is, and OCR often reads 人 as 入' }
    expect(suggestionMessage(translator('zh-CN'), misfit)).toBe('“入口”放在此处不通，应为“人口”：OCR 常把“人”认成“入”')
    // A message of another form (older stores): the rule's general explanation.
    expect(suggestionMessage(translator('en'), { ...s('typo', '态', '志'), message: '态愿者 is not a word; 志愿者 is (frequency 730)' })).toBe(
      '“态” makes no common word here; probably a misread look-alike of “志”'
    )
  })

  it('never show a rule the catalogue does not know as raw text', () => {
    expect(suggestionMessage(translator('zh-CN'), s('new-rule', 'a', ''))).toBe('建议把“a”改为“∅”')
    expect(suggestionMessage(translator('en'), s('new-rule', 'a', 'b'))).toBe('Suggested change: “a” → “b”')
  })
})

describe('export dialog choices', () => {
  const memory = (): Storage => {
    const data = new Map<string, string>()
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) } as Storage
  }

  it('are remembered, and whatever storage holds is checked', () => {
    const storage = memory()
    expect(loadPreferences(storage)).toEqual({ formats: ['json', 'md', 'txt', 'html', 'nitf'], includeUnapproved: false, singleFile: false })
    savePreferences({ formats: ['txt', 'json'], includeUnapproved: true, singleFile: false }, storage)
    // In the formats' own order, whatever order they were ticked in.
    expect(loadPreferences(storage)).toEqual({ formats: ['json', 'txt'], includeUnapproved: true, singleFile: false })
    storage.setItem('galley-export', '{"formats":["pdf"],"includeUnapproved":"yes"}')
    expect(loadPreferences(storage)).toEqual({ formats: ['json', 'md', 'txt', 'html', 'nitf'], includeUnapproved: false, singleFile: false })
    storage.setItem('galley-export', 'not json')
    expect(loadPreferences(storage).formats).toHaveLength(5)
  })

  it('open on Ctrl+E, in the text too', () => {
    const key = { key: 'e', code: 'KeyE', ctrlKey: true, altKey: false, shiftKey: false, metaKey: false }
    expect(matchShortcut(key, true)).toBe('export')
    expect(matchShortcut({ ...key, ctrlKey: false, metaKey: true }, true, true)).toBe('export')
  })
})
