import { describe, expect, it } from 'vitest'
import { describeShortcut, matchShortcut, SHORTCUTS, type KeyLike } from '../../src/renderer/src/state/shortcuts'

const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...k })

describe('shortcut map', () => {
  it('has no two actions on the same keys', () => {
    const seen = new Map<string, string>()
    for (const s of SHORTCUTS) {
      const id = describeShortcut(s) + (s.inText ? '' : ' (outside text)')
      expect(seen.get(id) ?? s.action, id).toBe(s.action)
      seen.set(id, s.action)
    }
  })

  it('matches the page workflow keys', () => {
    expect(matchShortcut(key({ key: 'PageDown', altKey: true }), true)).toBe('nextPage')
    expect(matchShortcut(key({ key: 'F8' }), true)).toBe('nextSuggestion')
    expect(matchShortcut(key({ key: 'F8', shiftKey: true }), true)).toBe('previousSuggestion')
    expect(matchShortcut(key({ key: 's', code: 'KeyS', altKey: true }), true)).toBe('splitArticle')
    expect(matchShortcut(key({ key: 'A', code: 'KeyA', altKey: true, shiftKey: true }), true)).toBe('approvePage')
    expect(matchShortcut(key({ key: 'a', code: 'KeyA', altKey: true }), true)).toBe('approveArticle')
    expect(matchShortcut(key({ key: 'F', code: 'KeyF', ctrlKey: true, shiftKey: true }), true)).toBe('search')
  })

  it('uses the physical key for letters, so Option on a Mac still works', () => {
    expect(matchShortcut(key({ key: 'ß', code: 'KeyS', altKey: true }), true, true)).toBe('splitArticle')
    expect(matchShortcut(key({ key: 's', code: 'KeyS', metaKey: true }), true, true)).toBe('saveNow')
    expect(matchShortcut(key({ key: 's', code: 'KeyS', ctrlKey: true }), true, true)).toBeNull()
  })

  it('opens the sheet on ? only when focus is not in the text', () => {
    expect(matchShortcut(key({ key: '?', code: 'Slash', shiftKey: true }), false)).toBe('shortcuts')
    expect(matchShortcut(key({ key: '?', code: 'Slash', shiftKey: true }), true)).toBeNull()
    expect(matchShortcut(key({ key: '/', code: 'Slash' }), true)).toBeNull()
  })

  it('leaves plain typing and unknown combinations alone', () => {
    expect(matchShortcut(key({ key: 'a', code: 'KeyA' }), true)).toBeNull()
    expect(matchShortcut(key({ key: 'a', code: 'KeyA' }), false)).toBeNull()
    expect(matchShortcut(key({ key: 'q', code: 'KeyQ', ctrlKey: true }), true)).toBeNull()
  })

  it('takes undo and redo from Monaco: one history for the text and the structure', () => {
    expect(matchShortcut(key({ key: 'z', code: 'KeyZ', ctrlKey: true }), true)).toBe('undo')
    expect(matchShortcut(key({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }), true)).toBe('redo')
    expect(matchShortcut(key({ key: 'y', code: 'KeyY', ctrlKey: true }), true)).toBe('redo')
    expect(matchShortcut(key({ key: 'z', code: 'KeyZ', metaKey: true }), true, true)).toBe('undo')
  })
})
