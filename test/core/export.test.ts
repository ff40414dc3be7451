import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportStore, ExportError, FORMATS, MARKER, type Format } from '../../src/core/export'
import type { Db } from '../../src/core/store/database'
import { removeDir, suiteDir, tempDir } from '../support/tmp'
import { buildStore, EDITION, EMPTY_EDITION, SECOND_EDITION } from '../fixtures/export/buildEdition'

// Golden files: test/fixtures/export/golden/<variant>/<format>/. After a deliberate change of
// a format, regenerate them with UPDATE_GOLDEN=1 and review the diff.
const GOLDEN = path.resolve(__dirname, '../fixtures/export/golden')
const UPDATE = process.env.UPDATE_GOLDEN === '1'

/** The files an export produced (its marker is Galley's bookkeeping, not a product). */
function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return []
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f !== MARKER && fs.statSync(path.join(root, f)).isFile())
    .sort()
}

function compareTree(actualRoot: string, goldenRoot: string): void {
  if (UPDATE) {
    fs.rmSync(goldenRoot, { recursive: true, force: true })
    fs.cpSync(actualRoot, goldenRoot, { recursive: true })
    fs.rmSync(path.join(goldenRoot, MARKER))
  }
  const actual = listFiles(actualRoot)
  expect(actual.length).toBeGreaterThan(0)
  expect(actual).toEqual(listFiles(goldenRoot))
  for (const file of actual) {
    expect(undated(fs.readFileSync(path.join(actualRoot, file), 'utf8')), file).toBe(undated(fs.readFileSync(path.join(goldenRoot, file), 'utf8')))
  }
}

/** PAGE XML carries the time its page's text last changed: the store built here has a new one each run. */
function undated(text: string): string {
  return text.replace(/<(Created|LastChange)>[^<]*</g, '<$1>…<')
}

let dir: string
let db: Db
let pageOne: number

beforeAll(async () => {
  dir = suiteDir('galley-export-')
  ;({ db, pageOne } = await buildStore(dir))
})
afterAll(() => {
  db.close()
  removeDir(dir)
})

describe('export goldens', () => {
  it.each(FORMATS)('%s: approved articles of an edition', (format: Format) => {
    const out = path.join(tempDir(), 'out')
    exportStore(db, { scope: { edition: EDITION }, formats: [format], outDir: out })
    expect(fs.readdirSync(out).sort()).toEqual([MARKER, format, 'manifest.json'].sort())
    compareTree(path.join(out, format), path.join(GOLDEN, 'approved', format))
  })

  it.each(FORMATS)('%s: with unapproved articles, Markdown in one file', (format: Format) => {
    const out = path.join(tempDir(), 'out')
    exportStore(db, { scope: { edition: EDITION }, formats: [format], outDir: out, includeUnapproved: true, singleFile: true })
    compareTree(path.join(out, format), path.join(GOLDEN, 'unapproved', format))
  })
})

describe('export', () => {
  it('writes every format at once, and counts articles and files', () => {
    const out = path.join(tempDir(), 'all-formats')
    const progress: [number, number][] = []
    const result = exportStore(db, {
      scope: { edition: EDITION },
      formats: ['nitf', 'json', 'md', 'txt', 'html'],
      outDir: out,
      onProgress: (done, total) => progress.push([done, total])
    })
    // Two approved articles on page 01 (one is a caption item), two on page 02 (one a fragment).
    expect(result).toEqual({ outDir: path.resolve(out), files: listFiles(out).length, articles: 4 })
    // 4 articles × (md, txt, nitf) + json + html + manifest
    expect(result.files).toBe(4 * 3 + 3)
    expect(progress.at(-1)).toEqual([4, 4])
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({ formats: ['json', 'md', 'txt', 'html', 'nitf'], includesUnapproved: false, articles: 4 })
  })

  it('never exports furniture or rejected articles; unapproved only when asked, and marked in every format', () => {
    const plain = path.join(tempDir(), 'plain')
    exportStore(db, { scope: { edition: EDITION }, formats: [...FORMATS], outDir: plain })
    const all = listFiles(plain).map((f) => fs.readFileSync(path.join(plain, f), 'utf8')).join('\n')
    for (const never of ['当前版', '责任编辑', '被退回的稿件', '绿色出行', '未审定']) expect(all).not.toContain(never)

    const wide = path.join(tempDir(), 'wide')
    exportStore(db, { scope: { edition: EDITION }, formats: [...FORMATS], outDir: wide, includeUnapproved: true })
    const files = listFiles(wide)
    const texts = files.map((f) => [f, fs.readFileSync(path.join(wide, f), 'utf8')] as const)
    for (const never of ['当前版', '责任编辑', '被退回的稿件']) for (const [, t] of texts) expect(t).not.toContain(never)
    // The unapproved article's own files carry the mark; the approved ones' do not.
    const unapprovedFiles = files.filter((f) => f.includes('绿色出行'))
    expect(unapprovedFiles.map((f) => f.split('/')[0]).sort()).toEqual(['md', 'nitf', 'txt'])
    for (const [f, t] of texts) {
      if (f.includes('绿色出行')) {
        expect(t, f).toMatch(f.endsWith('.xml') ? /management-status="withheld"[\s\S]*unapproved/ : /未审定稿（unapproved）/)
      } else if (/\/01-01-|\/02-0/.test(f) && !f.endsWith('.xml')) {
        expect(t, f).not.toContain('未审定')
      }
    }
    const json = JSON.parse(texts.find(([f]) => f.startsWith('json/'))![1])
    const approvals = json.pages.flatMap((p: { articles: { title: string; approval: string }[] }) => p.articles.map((a) => [a.title, a.approval]))
    expect(approvals).toContainEqual(['绿色出行 从我做起', 'unapproved'])
    expect(approvals.filter(([, a]: string[]) => a === 'unapproved')).toHaveLength(1)
    const html = texts.find(([f]) => f.startsWith('html/'))![1]
    expect(html).toMatch(/<article id="article-\d+" class="article unapproved"[^>]*>\n<p class="status"[^>]*>未审定<\/p>/)
  })

  it('exports one page, or every edition with something to export', () => {
    const page = path.join(tempDir(), 'page')
    const one = exportStore(db, { scope: { pageId: pageOne }, formats: ['json', 'txt'], outDir: page })
    expect(one.articles).toBe(2)
    const doc = JSON.parse(fs.readFileSync(path.join(page, 'json', `${EDITION.replace(' ', '_')}.json`), 'utf8'))
    expect(doc.pages.map((p: { id: number }) => p.id)).toEqual([pageOne])

    const everything = path.join(tempDir(), 'everything')
    const all = exportStore(db, { scope: { all: true }, formats: ['json'], outDir: everything })
    expect(all.articles).toBe(5)
    // In archive order; the edition with nothing approved is left out.
    expect(listFiles(path.join(everything, 'json'))).toEqual([`${EDITION}.json`, `${SECOND_EDITION}.json`].map((n) => n.replace(' ', '_')))

    // Asked for by name, an edition with nothing approved still gets its (empty) files.
    const empty = path.join(tempDir(), 'empty')
    const none = exportStore(db, { scope: { edition: EMPTY_EDITION }, formats: ['json', 'html', 'md'], outDir: empty })
    expect(none.articles).toBe(0)
    expect(JSON.parse(fs.readFileSync(path.join(empty, 'json', `${EMPTY_EDITION.replace(' ', '_')}.json`), 'utf8')).pages).toEqual([])
    expect(fs.readFileSync(path.join(empty, 'html', `${EMPTY_EDITION.replace(' ', '_')}.html`), 'utf8')).toContain('没有可导出的')
  })

  it('refuses an unknown edition or page, and no format', () => {
    const out = path.join(tempDir(), 'x')
    expect(() => exportStore(db, { scope: { edition: '没有这一期' }, formats: ['json'], outDir: out })).toThrow(ExportError)
    expect(() => exportStore(db, { scope: { pageId: 999_999 }, formats: ['json'], outDir: out })).toThrow(/no page/)
    expect(() => exportStore(db, { scope: { all: true }, formats: [], outDir: out })).toThrow(/no export format/)
    expect(() => exportStore(db, { scope: { all: true }, formats: ['pdf' as Format], outDir: out })).toThrow(/unknown export format/)
    expect(fs.existsSync(out)).toBe(false)
  })

  it('is stable across runs: same names, same contents', () => {
    const a = path.join(tempDir(), 'a')
    const b = path.join(tempDir(), 'b')
    exportStore(db, { scope: { all: true }, formats: [...FORMATS], outDir: a, includeUnapproved: true })
    exportStore(db, { scope: { all: true }, formats: [...FORMATS], outDir: b, includeUnapproved: true })
    const files = listFiles(a).filter((f) => f !== 'manifest.json')
    expect(listFiles(b).filter((f) => f !== 'manifest.json')).toEqual(files)
    for (const f of files) expect(fs.readFileSync(path.join(b, f), 'utf8')).toBe(fs.readFileSync(path.join(a, f), 'utf8'))
  })
})

describe('export folder', () => {
  const siblings = (out: string): string[] => fs.readdirSync(path.dirname(out)).filter((n) => n !== path.basename(out))

  it('does not overwrite an existing folder without force, and with force replaces only an export of its own', () => {
    const out = path.join(tempDir(), 'existing')
    fs.mkdirSync(out)
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine')
    expect(() => exportStore(db, { scope: { edition: EDITION }, formats: ['json'], outDir: out })).toThrow(/already exists/)
    expect(() => exportStore(db, { scope: { edition: EDITION }, formats: ['json'], outDir: out, force: true })).toThrow(/is not a folder galley export wrote/)
    expect(fs.readdirSync(out)).toEqual(['keep.txt'])
    expect(siblings(out)).toEqual([])
    fs.rmSync(path.join(out, 'keep.txt'))
    exportStore(db, { scope: { edition: EDITION }, formats: ['txt'], outDir: out })
    expect(() => exportStore(db, { scope: { edition: EDITION }, formats: ['json'], outDir: out })).toThrow(/already exists/)
    exportStore(db, { scope: { edition: EDITION }, formats: ['json'], outDir: out, force: true })
    expect(fs.readdirSync(out).sort()).toEqual([MARKER, 'json', 'manifest.json'])
    expect(siblings(out)).toEqual([])
  })

  it('fills an existing empty folder, and never replaces a file', () => {
    const out = path.join(tempDir(), 'empty')
    fs.mkdirSync(out)
    exportStore(db, { scope: { edition: EDITION }, formats: ['txt'], outDir: out })
    expect(fs.readdirSync(out).sort()).toEqual([MARKER, 'manifest.json', 'txt'])
    const file = path.join(tempDir(), 'file')
    fs.writeFileSync(file, 'x')
    expect(() => exportStore(db, { scope: { edition: EDITION }, formats: ['txt'], outDir: file, force: true })).toThrow(/not a folder/)
    expect(fs.readFileSync(file, 'utf8')).toBe('x')
  })

  it('leaves nothing behind when an export fails midway, and keeps the old folder', () => {
    const failing = (): never => {
      throw new Error('disk full')
    }
    const out = path.join(tempDir(), 'fails')
    let calls = 0
    const onProgress = (): void => {
      if (++calls > 1) failing()
    }
    expect(() => exportStore(db, { scope: { all: true }, formats: [...FORMATS], outDir: out, onProgress })).toThrow(/disk full/)
    expect(fs.existsSync(out)).toBe(false)
    expect(siblings(out)).toEqual([])

    const kept = path.join(tempDir(), 'kept')
    exportStore(db, { scope: { edition: SECOND_EDITION }, formats: ['json'], outDir: kept })
    const before = listFiles(kept)
    calls = 0
    expect(() =>
      exportStore(db, { scope: { all: true }, formats: [...FORMATS], outDir: kept, force: true, onProgress })
    ).toThrow(/disk full/)
    expect(listFiles(kept)).toEqual(before)
    expect(siblings(kept)).toEqual([])
    // The database is left usable: the export's read transaction is closed.
    expect(db.inTransaction).toBe(false)
  })
})
