import { describe, expect, it } from 'vitest'
import { groupByRule, locateSuggestion, nonOverlapping } from '../../src/renderer/src/state/suggestionSpans'
import { folderOf, isPageFile } from '../../src/renderer/src/importing/batches'

describe('placing suggestions in the working text', () => {
  it('takes the offsets as they are when the text is still there', () => {
    expect(locateSuggestion('社区志愿者', { start: 2, end: 3, original: '志' })).toEqual({ start: 2, end: 3 })
  })

  it('finds the nearest occurrence when the text moved, and gives up when it is gone', () => {
    const text = '态愿者，新增一行。态愿者'
    expect(locateSuggestion('新增' + text, { start: 0, end: 1, original: '态' })).toEqual({ start: 2, end: 3 })
    expect(locateSuggestion('志愿者', { start: 0, end: 1, original: '态' })).toBeNull()
  })

  it('groups by rule, largest first', () => {
    const groups = groupByRule([
      { id: 1, rule: 'typo' },
      { id: 2, rule: 'punctuation' },
      { id: 3, rule: 'punctuation' }
    ])
    expect(groups.map((g) => [g.rule, g.ids])).toEqual([
      ['punctuation', [2, 3]],
      ['typo', [1]]
    ])
  })

  it('never applies two overlapping edits', () => {
    expect(nonOverlapping([{ start: 5, end: 8 }, { start: 0, end: 2 }, { start: 6, end: 7 }, { start: 8, end: 9 }])).toEqual([
      { start: 0, end: 2 },
      { start: 5, end: 8 },
      { start: 8, end: 9 }
    ])
  })
})

describe('import batches', () => {
  it('takes text pages only and keeps the folder of each', () => {
    expect(isPageFile('05版.TXT')).toBe(true)
    expect(isPageFile('.DS_Store')).toBe(false)
    expect(isPageFile('scan.jpg')).toBe(false)
    expect(folderOf('晚报/2024-05-01/05版.txt')).toBe('晚报/2024-05-01')
    expect(folderOf('05版.txt')).toBeUndefined()
  })
})
