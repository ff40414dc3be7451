// An imported batch is analysed with the evidence of each page's edition: the other pages of the
// same edition in the batch (analysis/edition.ts).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { lineTemplate, type EditionEvidence } from '../../src/core/analysis'
import { importPaths } from '../../src/core/import/importer'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { openDatabase } from '../../src/core/store/database'
import { tempDir } from '../support/tmp'

const page = (n: number, title: string): string => [`第${n}版  社区`, title, '本报记者  林晓晨', `关注公众号 第${n}期`, '清晨，走进桂源街道，青石板路干净整洁。'].join('\n\n')

describe('import with edition evidence', () => {
  it('hands every page the template counts of its own edition, and none to an edition of one page', async () => {
    const dir = tempDir()
    const a = path.join(dir, '2025-03-07')
    const b = path.join(dir, '2025-03-08')
    fs.mkdirSync(a)
    fs.mkdirSync(b)
    fs.writeFileSync(path.join(a, '01.txt'), page(1, '老街巷里的新变化'))
    fs.writeFileSync(path.join(a, '02.txt'), page(2, '新建口袋公园迎客'))
    fs.writeFileSync(path.join(a, '03.txt'), page(3, '夜市点亮烟火气'))
    fs.writeFileSync(path.join(b, '01.txt'), page(1, '社区食堂开张了'))
    const seen = new Map<string, EditionEvidence | null>()
    const propose: Proposer = (text, context) => {
      seen.set(text.split('\n')[2]!, context?.edition ?? null)
      return { workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 }
    }
    const db = openDatabase(path.join(dir, 'g.db'))
    const report = await importPaths(db, [a, b], { propose })
    expect(report.imported).toBe(4)
    const evidence = seen.get('老街巷里的新变化')
    expect(evidence?.pages).toBe(3)
    expect(evidence?.templates[lineTemplate('关注公众号 第1期')]).toBe(3)
    expect(seen.get('夜市点亮烟火气')).toEqual(evidence)
    expect(seen.get('社区食堂开张了')).toBeNull()
    db.close()
  })
})
