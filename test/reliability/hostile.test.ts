import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { decodePage, DecodeError } from '../../src/core/import/decode'
import { placePage } from '../../src/core/import/naming'
import { searchPages } from '../../src/core/store/queries/search'
import { checkDatabase } from '../../src/core/store/backup'
import { defaultProposer } from '../../src/core/pipeline/defaultProposer'
import { mulberry32 } from '../../bench/synthetic/prng'
import { removeDir, suiteDir } from '../support/tmp'

// A corpus of hostile files, made from a seed: each must become a page or one clear line of
// error, and the store must stay consistent whatever arrives.

type Maker = (r: ReturnType<typeof mulberry32>, i: number) => Buffer

const PROSE = '本报讯（记者 王小明）城南街道启动老旧小区改造，三个社区试点加装电梯。'
const makers: Record<string, Maker> = {
  randomBytes: (r) => Buffer.from(Array.from({ length: r.int(1, 4096) }, () => r.int(0, 255))),
  truncatedUtf8: (r) => {
    const b = Buffer.from(PROSE.repeat(r.int(1, 20)))
    return b.subarray(0, b.length - r.int(1, 2))
  },
  invalidUtf8: (r) => {
    const b = Buffer.from(PROSE.repeat(r.int(1, 20)))
    for (let k = 0; k < r.int(1, 5); k++) b[r.int(0, b.length - 1)] = r.pick([0xff, 0xfe, 0xc0, 0x80])
    return b
  },
  mixedEncodings: (r) => Buffer.concat([Buffer.from(PROSE), Buffer.from(PROSE, 'utf16le'), Buffer.from(PROSE, 'latin1')].slice(0, r.int(2, 3))),
  nulBytes: (r) => {
    const b = Buffer.from(PROSE.repeat(r.int(1, 10)))
    b[r.int(0, b.length - 1)] = 0
    return b
  },
  oneHugeLine: (r) => Buffer.from('社区'.repeat(r.int(1, 3) === 1 ? 900_000 : 1000)),
  blankLines: (r) => Buffer.from('\n'.repeat(r.int(1, 3) === 1 ? 100_000 : 1000) + '文'),
  onlyPunctuation: (r) => Buffer.from(Array.from({ length: r.int(1, 500) }, () => r.pick(['，', '。', ',', '.', '！', '?', '——', '…', '“', '”', '(', ')'])).join('')),
  onlyFurniture: (r) => Buffer.from(`当前版: 0${r.int(1, 9)}版 上一版 下一版\n\n标题导航\n\n第01版:要闻\n\n报料热线：12345\n\n责任编辑 张三`),
  controlChars: (r) => Buffer.from(Array.from({ length: r.int(10, 200) }, () => String.fromCharCode(r.int(1, 31))).join('')),
  utf16NoBom: (r) => Buffer.from(PROSE.repeat(r.int(1, 5)), 'utf16le'),
  oddUtf16: (r) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PROSE, 'utf16le'), Buffer.from([r.int(0, 255)])]),
  surrogates: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00])]),
  emptyish: (r) => Buffer.from(r.pick(['', ' ', '\n', '\r\n', '\u3000', '\ufeff'])),
  valid: (r) => Buffer.from(`${PROSE}\n\n第${r.int(1, 9999)}段。`)
}

describe('hostile input', () => {
  let dir: string
  beforeAll(async () => {
    dir = suiteDir('galley-hostile-')
  })
  afterAll(() => removeDir(dir))

  it('turns each of 1,000+ hostile files into a page or one line of error, and keeps the store consistent', async () => {
    const corpus = path.join(dir, 'corpus')
    fs.mkdirSync(corpus)
    const r = mulberry32(31337)
    const kinds = Object.keys(makers)
    let n = 0
    for (let i = 0; i < 1050; i++) {
      const kind = kinds[i % kinds.length]!
      fs.writeFileSync(path.join(corpus, `${kind}-${String(i).padStart(4, '0')}.txt`), makers[kind]!(r, i))
      n++
    }
    const db = openDatabase(path.join(dir, 'hostile.db'))
    const report = await importPaths(db, [corpus], { propose: defaultProposer(db) })
    expect(report.items).toHaveLength(n)
    for (const item of report.items) {
      if (item.status === 'failed') {
        expect(item.reason).toBeTruthy()
        expect(item.reason).not.toMatch(/\n/)
        expect(item.reason!.length).toBeLessThan(200)
      }
    }
    // Valid pages are never refused.
    expect(report.items.filter((i) => path.basename(i.source).startsWith('valid-') && i.status === 'failed')).toEqual([])
    expect(report.items.filter((i) => /^(randomBytes|nulBytes|controlChars)-/.test(path.basename(i.source)) && i.status === 'imported')).toEqual([])
    const check = checkDatabase(db)
    expect(check.ok).toBe(true)
    expect(check.counts.pages).toBe(report.imported + 0)
    db.close()
    console.log(`hostile corpus: ${n} files, ${report.imported} imported, ${report.unchanged} duplicates, ${report.failed} refused with a reason`)
    // A guard against a hang, not a speed check: it takes ~50 s on a quiet 2-core machine.
  }, 240_000)

  it('decodePage throws nothing but DecodeError, on any bytes', async () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        try {
          const page = decodePage(bytes)
          expect(typeof page.text).toBe('string')
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it('placePage accepts any file and folder name', async () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.option(fc.string(), { nil: undefined }), (file, folder, edition) => {
        const place = placePage(file, folder, edition)
        expect(place.edition.length).toBeGreaterThan(0)
        expect(Number.isFinite(place.order)).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  it('search accepts any query without an FTS syntax error', async () => {
    const db = openDatabase(path.join(dir, 'search.db'))
    fs.mkdirSync(path.join(dir, 'one'))
    fs.writeFileSync(path.join(dir, 'one', '01.txt'), PROSE)
    await importPaths(db, [path.join(dir, 'one')], { propose: defaultProposer(db) })
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }), (query) => {
        expect(Array.isArray(searchPages(db, query))).toBe(true)
      }),
      { numRuns: 2000 }
    )
    db.close()
  })
})
