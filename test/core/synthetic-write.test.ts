import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateArchive, writeArchive } from '../../bench/synthetic/index'
import { gb18030Available } from '../../bench/synthetic/gb18030'

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'galley-synthetic-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function decode(buf: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(buf), encoding: 'gb18030' }
  }
}

describe('writeArchive', () => {
  it('writes <dir>/<edition>/<fileName> in UTF-8 and reports the bytes', () => {
    const dir = tempDir()
    const opts = { seed: 5, pages: 12 }
    const { files, bytes } = writeArchive(dir, opts)
    const pages = [...generateArchive(opts)]
    expect(files).toHaveLength(12)
    let total = 0
    files.forEach((f, i) => {
      const page = pages[i]
      expect(page).toBeDefined()
      if (!page) return
      expect(relative(dir, f).split(sep)).toEqual([page.edition, page.fileName])
      expect(readFileSync(f, 'utf8')).toBe(page.text)
      total += statSync(f).size
    })
    expect(bytes).toBe(total)
  })

  it('mixes in GB18030 files that decode back to the same text, the same way every time', () => {
    const opts = { seed: 17, pages: 80 }
    const a = writeArchive(tempDir(), opts, true)
    const b = writeArchive(tempDir(), opts, true)
    const pages = [...generateArchive(opts)]
    let gb = 0
    a.files.forEach((f, i) => {
      const buf = readFileSync(f)
      expect(buf.equals(readFileSync(b.files[i] as string))).toBe(true)
      const { text, encoding } = decode(buf)
      expect(text).toBe(pages[i]?.text)
      if (encoding === 'gb18030') gb++
    })
    if (gb18030Available()) {
      expect(gb).toBeGreaterThan(2)
      expect(gb).toBeLessThan(20)
    } else expect(gb).toBe(0)
  })
})
