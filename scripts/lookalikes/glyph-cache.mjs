// Rendering 6,763 glyphs in two fonts takes a while; keep the bitmaps in .cache/ (ignored
// by git) so re-running the build only recomputes the comparison.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderGlyphs, SIZE } from './render.mjs'

export async function cachedGlyphs(chars, fontFamily, cacheDir) {
  const file = join(cacheDir, `glyphs-${fontFamily.replace(/\W+/g, '_')}-${SIZE}.bin`)
  const key = chars.join('')
  if (existsSync(file) && existsSync(file + '.chars') && readFileSync(file + '.chars', 'utf8') === key) {
    const buf = readFileSync(file)
    return chars.map((_, i) => new Uint8Array(buf.subarray(i * SIZE * SIZE, (i + 1) * SIZE * SIZE)))
  }
  const m = await renderGlyphs(chars, fontFamily)
  const all = new Uint8Array(chars.length * SIZE * SIZE)
  chars.forEach((ch, i) => all.set(m.get(ch), i * SIZE * SIZE))
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(file, all)
  writeFileSync(file + '.chars', key)
  return chars.map((ch) => m.get(ch))
}
