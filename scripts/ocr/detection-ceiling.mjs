#!/usr/bin/env node
// How far detection could go on what the language model and the channel say, whatever decides
// (issue 17's floor: recall 0.6 at precision 0.9, at most 0.5 false alarms per 2,000 clean
// characters). A measurement, not part of Galley.
//
// Every hanzi position of a text gets the signals the detector has there: the evidence, language
// model gain and channel log-odds of its best candidate judged down to -8 nats (detect.ts,
// scoreRuns), whether the character makes a word with neither neighbour and how damaged the
// stretch is (damage.ts), how rare the character as read is, how many of its neighbours are
// broken, and how many findings of the usual bar are close by (judge.ts). A logistic model over
// these and all their pairwise products (65 terms, Newton's method with an L2 penalty) is fitted
// on the OCR dev set (a position inside a misread span is a misreading), its truths and the first
// half of test/fixtures/typos/clean-news.txt (clean positions weighted --clean-weight times), and
// read on the held-out set, its truths and the second half of clean-news.txt. For each flagging
// point it prints the errors detected (any position of the error flagged), the share of flagged
// OCR positions that are misread, and flags per 2,000 clean characters. Findings close together
// are not thinned as detect.ts does, which can only flatter recall.
//
//   node scripts/ocr/detection-ceiling.mjs [--clean-weight 3]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadTyposModules, root } from './load-core.mjs'
import { ocrErrors } from './score.mjs'

const arg = (name) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : null)
const CLEAN_WEIGHT = Number(arg('clean-weight') ?? 3)
const LAMBDA = 1
const T = await loadTyposModules('detection-ceiling', `export * from './index'; export { scoreRuns } from './detect'; export * from './judge'; export * from './damage'`)
const model = T.loadTypoModel()
const isHan = (c) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)

/** The signals at every hanzi position of runs of two or more: [{ pos, x }]. */
function signals(text) {
  const n = text.length
  const none = new Uint8Array(n)
  const best = new Map(T.scoreRuns(text, none, model, -8, 0, n, new Map()).map((f) => [f.pos, f]))
  const flagged = T.scoreRuns(text, none, model, T.MIN_EVIDENCE_LEARNT, 0, n, new Map()).map((f) => f.pos)
  const out = []
  for (let i = 0; i < n; ) {
    if (!isHan(text.charCodeAt(i))) { i++; continue }
    const rs = i
    while (i < n && isHan(text.charCodeAt(i))) i++
    const re = i
    if (re - rs < 2) continue
    const broken = new Uint8Array(re - rs), damage = new Uint8Array(re - rs)
    T.localDamage(text, rs, re, model.lm, broken, damage)
    for (let p = rs; p < re; p++) {
      const f = best.get(p)
      const readRight = model.channel.logProb(text[p], text[p])
      const near = flagged.filter((q) => Math.abs(q - p) >= T.NEAR_FROM && Math.abs(q - p) <= T.NEAR_REACH).length
      out.push({
        pos: p,
        x: [
          f ? Math.max(-10, f.best.evidence) : -10,
          f ? f.best.lmGain : 0,
          f ? f.best.channel - readRight : -15,
          broken[p - rs],
          Math.min(T.DAMAGE_COUNTED, Math.max(0, damage[p - rs] - T.DAMAGE_FREE)),
          -T.charLogProb(model, text.charCodeAt(p)),
          Math.min(T.NEAR_CAP, near),
          f ? 1 : 0,
          (p > rs ? broken[p - rs - 1] : 0) + (p + 1 < re ? broken[p - rs + 1] : 0),
          flagged.includes(p) ? 1 : 0
        ]
      })
    }
  }
  return out
}

const records = (split) => readFileSync(join(root, 'test', 'fixtures', 'ocr-dev', `${split}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
const news = readFileSync(join(root, 'test', 'fixtures', 'typos', 'clean-news.txt'), 'utf8')
const half = news.indexOf('\n', news.length >> 1) + 1

/** Rows of one side: OCR positions (with the error each lies in) and clean positions. */
function side(split, cleanNews) {
  const rs = records(split)
  const rows = []
  let errors = 0
  for (const r of rs) {
    const errs = ocrErrors(r.truth, r.ocr).errors
    const base = errors
    errors += errs.length
    for (const s of signals(r.ocr)) {
      const k = errs.findIndex((e) => e.start <= s.pos && s.pos < e.end)
      rows.push({ x: s.x, y: k >= 0 ? 1 : 0, error: k >= 0 ? base + k : -1, clean: false })
    }
  }
  let cleanChars = 0
  for (const t of [...new Set(rs.map((r) => r.truth)), cleanNews]) {
    cleanChars += t.length
    for (const s of signals(t)) rows.push({ x: s.x, y: 0, error: -1, clean: true })
  }
  return { rows, errors, cleanChars }
}

const train = side('dev', news.slice(0, half))
const test = side('heldout', news.slice(half))
const d = train.rows[0].x.length
const mean = new Array(d).fill(0), sd = new Array(d).fill(0)
for (const r of train.rows) for (let j = 0; j < d; j++) mean[j] += r.x[j] / train.rows.length
for (const r of train.rows) for (let j = 0; j < d; j++) sd[j] += (r.x[j] - mean[j]) ** 2 / train.rows.length
for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1
/** Standardised signals, their pairwise products, and 1 for the bias. */
function terms(x) {
  const z = x.map((v, j) => (v - mean[j]) / sd[j])
  const out = [...z]
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) out.push(z[a] * z[b])
  out.push(1)
  return out
}

// Newton's method on the weighted, L2-penalised log-loss (the bias not penalised).
const X = train.rows.map((r) => terms(r.x))
const D = X[0].length
const wt = train.rows.map((r) => (r.clean ? CLEAN_WEIGHT : 1))
const w = new Float64Array(D)
for (let it = 0; it < 30; it++) {
  const H = Array.from({ length: D }, () => new Float64Array(D + 1))
  for (let i = 0; i < X.length; i++) {
    const x = X[i]
    let s = 0
    for (let j = 0; j < D; j++) s += w[j] * x[j]
    const p = 1 / (1 + Math.exp(-s))
    const e = (p - train.rows[i].y) * wt[i], h = p * (1 - p) * wt[i]
    for (let j = 0; j < D; j++) {
      H[j][D] += e * x[j]
      for (let k = j; k < D; k++) H[j][k] += h * x[j] * x[k]
    }
  }
  for (let j = 0; j < D; j++) {
    for (let k = 0; k < j; k++) H[j][k] = H[k][j]
    const penalised = j < D - 1
    H[j][j] += penalised ? LAMBDA : 1e-6
    if (penalised) H[j][D] += LAMBDA * w[j]
  }
  // Solve H · step = gradient by elimination with partial pivoting.
  for (let c = 0; c < D; c++) {
    let piv = c
    for (let r = c + 1; r < D; r++) if (Math.abs(H[r][c]) > Math.abs(H[piv][c])) piv = r
    ;[H[c], H[piv]] = [H[piv], H[c]]
    for (let r = c + 1; r < D; r++) {
      const f = H[r][c] / H[c][c]
      if (f) for (let k = c; k <= D; k++) H[r][k] -= f * H[c][k]
    }
  }
  let moved = 0
  const step = new Float64Array(D)
  for (let r = D - 1; r >= 0; r--) {
    let v = H[r][D]
    for (let k = r + 1; k < D; k++) v -= H[r][k] * step[k]
    step[r] = v / H[r][r]
    w[r] -= step[r]
    moved = Math.max(moved, Math.abs(step[r]))
  }
  if (moved < 1e-7) break
}
const score = (x) => terms(x).reduce((s, v, j) => s + v * w[j], 0)

console.log(`clean weight ${CLEAN_WEIGHT}; columns: flagging point, errors detected, flagged OCR positions misread, clean flags per 2,000`)
for (const [name, s] of [['dev (fitted)', train], ['held-out', test]]) {
  const scored = s.rows.map((r) => ({ ...r, s: score(r.x) }))
  let best = null
  for (let t = -2; t <= 4.001; t += 0.25) {
    const detected = new Set()
    let tp = 0, fp = 0, clean = 0
    for (const r of scored) {
      if (r.s < t) continue
      if (r.clean) clean++
      else if (r.y) { tp++; detected.add(r.error) } else fp++
    }
    const recall = detected.size / s.errors, precision = tp / Math.max(1, tp + fp), per2000 = (clean * 2000) / s.cleanChars
    if (precision >= 0.9 && per2000 <= 0.5 && (!best || recall > best.recall)) best = { t, recall, precision, per2000 }
    if (Math.abs(t - Math.round(t)) < 1e-9 || process.argv.includes('--all')) console.log(`${name.padEnd(13)} ${t.toFixed(2).padStart(5)}  ${recall.toFixed(3)}  ${precision.toFixed(3)}  ${per2000.toFixed(2)}`)
  }
  console.log(`${name}: best recall with precision ≥ 0.9 and ≤ 0.5 clean flags per 2,000: ${best ? `${best.recall.toFixed(3)} (precision ${best.precision.toFixed(3)}, ${best.per2000.toFixed(2)} per 2,000, point ${best.t})` : 'none'}`)
}
