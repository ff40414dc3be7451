import { describe, expect, it } from 'vitest'
import { applyChange, mergeWithPrevious, nextKind, spansFromRecords, splitAt, toPayload, type Span, type TextChange } from '../../src/renderer/src/state/boundaries'
import type { ArticleRecord } from '../../src/shared/types'

const span = (startLine: number, endLine: number, title: string | null = null): Span => ({ kind: 'article', startLine, endLine, title, status: 'proposed', record: null })

/** An article as the store sends it, its title read from the text unless overridden. */
const record = (startLine: number, endLine: number, title: string, titleOverridden = false): ArticleRecord => ({
  id: startLine + 1,
  pageId: 1,
  ord: 0,
  kind: 'article',
  startLine,
  endLine,
  kicker: null,
  title,
  titleOverridden,
  subtitle: null,
  headings: [],
  byline: null,
  paragraphs: [],
  captions: [],
  flags: [],
  confidence: 1,
  status: 'proposed',
  source: 'editor'
})
const at = (spans: Span[]) => spans.map((s) => [s.startLine, s.endLine])

/** A Monaco-style change from 0-based line/1-based column coordinates. */
function change(startLine: number, startColumn: number, endLine: number, endColumn: number, text: string): TextChange {
  return { range: { startLineNumber: startLine + 1, startColumn, endLineNumber: endLine + 1, endColumn }, text }
}

describe('article boundaries across edits', () => {
  const spans = [span(0, 3), span(4, 8), span(9, 12)]

  it('leave boundaries alone when typing within a line', () => {
    expect(applyChange(spans, change(5, 3, 5, 3, '字'), 12)).toBe(spans)
  })

  it('grow the article where Enter is pressed and move the later ones down', () => {
    expect(at(applyChange(spans, change(5, 4, 5, 4, '\n'), 13))).toEqual([[0, 3], [4, 9], [10, 13]])
  })

  it('move an article down when a line is opened above its first line', () => {
    expect(at(applyChange(spans, change(4, 1, 4, 1, '\n'), 13))).toEqual([[0, 3], [5, 9], [10, 13]])
  })

  it('keep the typed line in the article when Enter is pressed at the end of its last line', () => {
    expect(at(applyChange(spans, change(7, 10, 7, 10, '\n'), 13))).toEqual([[0, 3], [4, 9], [10, 13]])
  })

  it('move the later articles up when a blank line between articles is deleted', () => {
    expect(at(applyChange(spans, change(3, 1, 4, 1, ''), 11))).toEqual([[0, 3], [3, 7], [8, 11]])
  })

  it('follow a multi-line paste', () => {
    expect(at(applyChange(spans, change(1, 2, 1, 2, 'a\nb\nc'), 14))).toEqual([[0, 5], [6, 10], [11, 14]])
  })

  it('drop an article whose lines were all deleted and keep the rest in order', () => {
    expect(at(applyChange(spans, change(3, 1, 9, 1, ''), 6))).toEqual([[0, 3], [3, 6]])
  })

  it('start an article on the next line when a deletion joins its first line to the previous article', () => {
    expect(at(applyChange(spans, change(2, 5, 4, 2, ''), 10))).toEqual([[0, 3], [3, 6], [7, 10]])
  })
})

describe('structure edits', () => {
  it('split the article under the cursor into two', () => {
    const result = splitAt([span(0, 10, '标题')], 4, 10, ['标题', '', '正文', '', '另一篇', '', '', '', '', ''])!
    expect(at(result.spans)).toEqual([[0, 4], [4, 10]])
    expect(result.index).toBe(1)
    expect(result.spans[0]!.title).toBe('标题')
    expect(result.spans[1]!.title).toBeNull()
  })

  it('drop the head title read from the text when its line went to the new piece, and keep one the editor gave', () => {
    const lines = ['', '', '标题', '正文', '', '', '', '', '', '']
    const read = splitAt(spansFromRecords([record(0, 10, '标题')]), 2, 10, lines)!
    expect(read.spans[0]!.title).toBeNull()
    expect(read.spans[0]!.record).toBeNull()
    const given = splitAt(spansFromRecords([record(0, 10, '编辑定的标题', true)]), 2, 10, lines)!
    expect(given.spans[0]!.title).toBe('编辑定的标题')
  })

  it('take only the editor\'s titles from the store', () => {
    const spans = spansFromRecords([record(0, 2, '读出的标题'), record(2, 4, '编辑定的标题', true)])
    expect(spans.map((s) => s.title)).toEqual([null, '编辑定的标题'])
    expect(toPayload(spans).map((p) => p.titleOverride)).toEqual([undefined, '编辑定的标题'])
  })

  it('refuse to split at an article start, and open an article outside all of them', () => {
    expect(splitAt([span(2, 5)], 2, 10)).toBeNull()
    const fresh = splitAt([span(6, 9)], 1, 10)!
    expect(at(fresh.spans)).toEqual([[1, 6], [6, 9]])
    expect(fresh.index).toBe(0)
    expect(at(splitAt([], 0, 10)!.spans)).toEqual([[0, 10]])
  })

  it('merge with the previous article, keeping its title', () => {
    const merged = mergeWithPrevious([span(0, 3, '甲'), span(4, 8, '乙'), span(8, 9)], 1)!
    expect(at(merged.spans)).toEqual([[0, 8], [8, 9]])
    expect(merged.spans[0]!.title).toBe('甲')
    expect(mergeWithPrevious([span(0, 3)], 0)).toBeNull()
  })

  it('cycle the kind through article, caption and furniture', () => {
    expect(nextKind('article')).toBe('caption')
    expect(nextKind('caption')).toBe('furniture')
    expect(nextKind('furniture')).toBe('article')
    expect(nextKind('fragment')).toBe('article')
  })

  it('send titles only where the editor gave one', () => {
    expect(toPayload([span(0, 2, '甲'), span(2, 4)])).toEqual([
      { kind: 'article', startLine: 0, endLine: 2, status: 'proposed', titleOverride: '甲' },
      { kind: 'article', startLine: 2, endLine: 4, status: 'proposed' }
    ])
  })
})

describe("the editor's line roles across edits and structure steps", () => {
  const roled = (startLine: number, roles: Span['roles']): Span => ({ ...span(startLine, startLine + roles!.length), roles })
  const lines = ['引', '题', '', '正文一。', '小', '正文二。', '摄']

  it('keep each role with its line when lines are added or removed', () => {
    const s = [roled(0, ['kicker', 'title', null, 'body', 'subhead', 'body', 'credit'])]
    // Enter at the end of the title line: a new line under it, body until given a role.
    expect(applyChange(s, change(1, 2, 1, 2, '\n'), 8)[0]!.roles).toEqual(['kicker', 'title', null, null, 'body', 'subhead', 'body', 'credit'])
    // Enter at the start of the subhead line: the subhead moves down with its words.
    expect(applyChange(s, change(4, 1, 4, 1, '\n'), 8)[0]!.roles).toEqual(['kicker', 'title', null, 'body', null, 'subhead', 'body', 'credit'])
    // The blank line and the first paragraph deleted whole.
    expect(applyChange(s, change(2, 1, 4, 1, ''), 5)[0]!.roles).toEqual(['kicker', 'title', 'subhead', 'body', 'credit'])
    // A paste of two lines over the end of one line and the start of the next keeps the first's role and the last's.
    expect(applyChange(s, change(3, 3, 4, 1, '甲\n乙\n'), 8)[0]!.roles).toEqual(['kicker', 'title', null, 'body', null, 'subhead', 'body', 'credit'])
  })

  it('stay with their lines through a split and a merge, and go with the save', () => {
    const s = [roled(0, ['kicker', 'title', null, 'body', 'subhead', 'body', 'credit'])]
    const split = splitAt(s, 4, 7, lines)!
    expect(split.spans.map((x) => x.roles)).toEqual([
      ['kicker', 'title', null, 'body'],
      ['subhead', 'body', 'credit']
    ])
    const merged = mergeWithPrevious(split.spans, 1, lines)!
    expect(merged.spans[0]!.roles).toEqual(['kicker', 'title', null, 'body', 'subhead', 'body', 'credit'])
    expect(toPayload(merged.spans)[0]!.roles).toEqual(['kicker', 'title', null, 'body', 'subhead', 'body', 'credit'])
    // Articles the editor gave no roles send none: the store reads them from the text.
    expect(toPayload([span(0, 7)])[0]).not.toHaveProperty('roles')
  })
})
