// All-pairs shape neighbours of the common characters: a cheap 16×16 prefilter over every
// pair, then the full 32×32 comparison in both fonts on the survivors.
import { SIZE } from './render.mjs'
import { blur, boxNormalised, downsample, overlap } from './similarity.mjs'

const PRE = 8
const PREFILTER_KEEP = 60
const CUTS = [10, 13] // where a left-hand radical (讠 亻 扌 氵 …) ends, in 32-pixel columns

function topK(query, pool, k, skip) {
  const n = pool.length
  const dims = query.length
  const dist = new Float32Array(n)
  for (let j = 0; j < n; j++) {
    const p = pool[j]
    let d = 0
    for (let t = 0; t < dims; t++) {
      const v = query[t] - p[t]
      d += v < 0 ? -v : v
    }
    dist[j] = d
  }
  dist[skip] = Infinity
  // Partial selection: a k-element insertion list beats sorting 6,763 indices per query.
  const best = []
  for (let j = 0; j < n; j++) {
    const d = dist[j]
    if (best.length === k && d >= dist[best[k - 1]]) continue
    let p = best.length === k ? k - 1 : best.length
    while (p > 0 && dist[best[p - 1]] > d) {
      best[p] = best[p - 1]
      p--
    }
    best[p] = j
  }
  return best
}

function features(bitmaps) {
  return bitmaps.map((g) => {
    const whole = blur(g)
    const b = boxNormalised(g)
    const box = b ? blur(b.bitmap) : whole
    const parts = CUTS.map((cut) => {
      const p = boxNormalised(g, cut, SIZE)
      return p ? { f: blur(p.bitmap), aspect: p.aspect } : null
    })
    return { whole, box, aspect: b ? b.aspect : 1, parts }
  })
}

/**
 * @param chars the character list
 * @param fonts one array of raw bitmaps per font, aligned with chars
 * @returns per character a Map(neighbour index -> { score, kind })
 */
export function computeNeighbours(chars, fonts, log = () => {}) {
  const feats = fonts.map(features)
  const pre = feats[0].map((f) => downsample(f.whole, SIZE / PRE))
  const preBox = feats[0].map((f) => downsample(f.box, SIZE / PRE))
  const result = chars.map(() => new Map())
  const avg = (fn) => feats.reduce((s, ff) => s + fn(ff), 0) / feats.length

  const put = (i, j, score, kind) => {
    const cur = result[i].get(j)
    if (!cur || cur.score < score) result[i].set(j, { score, kind })
  }

  for (let i = 0; i < chars.length; i++) {
    if (i % 1000 === 0) log(`compare ${i}/${chars.length}`)
    const cands = new Set([...topK(pre[i], pre, PREFILTER_KEEP, i), ...topK(preBox[i], preBox, PREFILTER_KEEP, i)])
    for (const j of cands) {
      const whole = avg((ff) => overlap(ff[i].whole, ff[j].whole))
      // Box-normalised shapes ignore size and position (日 vs 曰), but only between
      // glyphs of a similar outline; otherwise 一 would match every flat character.
      const ar = feats[0][i].aspect / feats[0][j].aspect
      const boxed = ar > 0.6 && ar < 1 / 0.6 ? avg((ff) => overlap(ff[i].box, ff[j].box)) * 0.98 : 0
      put(i, j, Math.max(whole, boxed), boxed > whole ? 'box' : 'whole')
    }
    // Radical dropped or added: the right-hand part of i on its own looks like j.
    for (let c = 0; c < CUTS.length; c++) {
      const q = feats[0][i].parts[c]
      if (!q) continue
      const best = topK(downsample(q.f, SIZE / PRE), preBox, 10, i)
      let bestJ = -1
      let bestS = 0
      for (const j of best) {
        const s = avg((ff) => (ff[i].parts[c] ? overlap(ff[i].parts[c].f, ff[j].box) : 0))
        if (s > bestS) {
          bestS = s
          bestJ = j
        }
      }
      if (bestJ >= 0) {
        put(i, bestJ, bestS, 'part')
        put(bestJ, i, bestS, 'part')
      }
    }
  }
  return result
}
