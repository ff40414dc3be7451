// Rasterises characters with a system CJK font inside headless Chromium (canvas 2D),
// returning one SIZE×SIZE grayscale bitmap (0 = paper, 255 = ink) per character.
import { chromium } from 'playwright-core'

export const SIZE = 32
const SCALE = 2 // drawn at 2× and box-filtered down, which anti-aliases thin strokes

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** @returns {Promise<Map<string, Uint8Array>>} */
export async function renderGlyphs(chars, fontFamily) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage()
    await page.setContent(`<html><body><canvas id="c" width="${SIZE * SCALE}" height="${SIZE * SCALE}"></canvas></body></html>`)
    const out = new Map()
    const BATCH = 400
    for (let i = 0; i < chars.length; i += BATCH) {
      const batch = chars.slice(i, i + BATCH)
      const b64 = await page.evaluate(
        async ({ batch, fontFamily, SIZE, SCALE }) => {
          const px = SIZE * SCALE
          const fontSpec = `${Math.round(px * 0.92)}px "${fontFamily}"`
          await document.fonts.load(fontSpec, batch.join(''))
          const ctx = document.getElementById('c').getContext('2d', { willReadFrequently: true })
          const all = new Uint8Array(batch.length * SIZE * SIZE)
          batch.forEach((ch, k) => {
            ctx.fillStyle = '#fff'
            ctx.fillRect(0, 0, px, px)
            ctx.fillStyle = '#000'
            ctx.font = fontSpec
            ctx.textAlign = 'center'
            ctx.textBaseline = 'middle'
            ctx.fillText(ch, px / 2, px / 2)
            const d = ctx.getImageData(0, 0, px, px).data
            for (let y = 0; y < SIZE; y++)
              for (let x = 0; x < SIZE; x++) {
                let s = 0
                for (let dy = 0; dy < SCALE; dy++)
                  for (let dx = 0; dx < SCALE; dx++) s += 255 - d[((y * SCALE + dy) * px + x * SCALE + dx) * 4]
                all[k * SIZE * SIZE + y * SIZE + x] = Math.round(s / (SCALE * SCALE))
              }
          })
          let bin = ''
          for (let j = 0; j < all.length; j++) bin += String.fromCharCode(all[j])
          return btoa(bin)
        },
        { batch, fontFamily, SIZE, SCALE }
      )
      const buf = Buffer.from(b64, 'base64')
      batch.forEach((ch, k) => out.set(ch, new Uint8Array(buf.subarray(k * SIZE * SIZE, (k + 1) * SIZE * SIZE))))
    }
    return out
  } finally {
    await browser.close()
  }
}
