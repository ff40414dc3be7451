import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import fc from 'fast-check'
import { searchPages } from '../../src/core/store/queries/search'
import { toSearchDocument, toSearchTokens } from '../../src/core/store/searchText'
import { addRevision } from '../../src/core/store/queries/revisions'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { afterAll } from 'vitest'
import { removeDir, suiteDir } from '../support/tmp'

const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

async function store(pages: Record<string, string>): Promise<ReturnType<typeof openDatabase>> {
  const dir = suiteDir()
  afterAll(() => {
    db.close()
    removeDir(dir)
  })
  for (const [name, text] of Object.entries(pages)) fs.writeFileSync(path.join(dir, name), text)
  const db = openDatabase(path.join(dir, 's.db'))
  await importPaths(db, [dir], { edition: 'e', propose: identity })
  return db
}

const db = await store({
  '01.txt': '社区志愿者为老人理发。\n本报讯(记者 王小明)PPT 展示了 3.5 万元的预算。',
  '02.txt': '城区，志愿服务队伍壮大。',
  '03.txt': '老旧小区改造\n\n加装电梯'
})

describe('full-text search', () => {

  const pagesFor = (q: string): string[] => searchPages(db, q).map((h) => h.pageLabel)

  it('finds one-, two- and longer Chinese substrings', () => {
    expect(pagesFor('社')).toEqual(['01'])
    expect(pagesFor('志愿')).toEqual(['01', '02'])
    expect(pagesFor('愿者')).toEqual(['01'])
    expect(pagesFor('志愿服务')).toEqual(['02'])
    expect(pagesFor('小区改造')).toEqual(['03'])
    expect(pagesFor('不存在')).toEqual([])
  })

  it('uses the FTS index, not a scan', () => {
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT rowid FROM page_search WHERE page_search MATCH '\"志 愿\"'").all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/)
  })

  it('does not match across punctuation or paragraph breaks', () => {
    // 01 has 社区志愿者 (a real 区志); 02 has 城区，志愿, which must not match
    expect(pagesFor('区志')).toEqual(['01'])
    expect(pagesFor('改造加装')).toEqual([])
  })

  it('matches Latin words by prefix, numbers, and ignores case', () => {
    expect(pagesFor('ppt')).toEqual(['01'])
    expect(pagesFor('PP')).toEqual(['01'])
    expect(pagesFor('3.5')).toEqual(['01'])
  })

  it('returns a snippet around the hit', () => {
    const [hit] = searchPages(db, '理发')
    expect(hit!.snippet.slice(hit!.matchStart, hit!.matchStart + hit!.matchLength)).toBe('理发')
    // Paragraph breaks before the hit are shown as one space: the mark stays on the words found.
    const [after] = searchPages(db, '加装')
    expect(after!.snippet).toBe('老旧小区改造 加装电梯')
    expect(after!.snippet.slice(after!.matchStart, after!.matchStart + after!.matchLength)).toBe('加装')
  })

  it('follows the working text as it is revised', () => {
    db.transaction(() => addRevision(db, { pageId: 3, text: '老旧小区改造完成', author: 't', reason: 'edit' }))()
    expect(pagesFor('完成')).toEqual(['03'])
    expect(pagesFor('电梯')).toEqual([])
  })

  it('treats FTS syntax in a query as text', () => {
    expect(() => searchPages(db, '"志愿 OR NEAR(')).not.toThrow()
    expect(pagesFor('AND')).toEqual([])
  })
})

describe('the search document', () => {
  // toSearchDocument is a fast path for the token list: the two must never disagree.
  const pieces = ['a', 'Z', '9', 'Q7', ' ', '\n', '\r\n', '，', '。', '“', '中', '文', '\u3000', '\t', '\u00a0', '\ud840\udc00', '\ud83d\ude00', '\ud800', '\udc00', 'É', '-', '\uE000']
  it('is the tokens joined by spaces, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('')
        expect(toSearchDocument(text)).toBe(toSearchTokens(text).join(' '))
      }),
      { numRuns: 1000 }
    )
  })
})
