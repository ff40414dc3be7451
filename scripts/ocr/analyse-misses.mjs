#!/usr/bin/env node
// Why the detector misses what it misses: each misread character of a split (dev by default)
// put in one bucket, first that applies:
//   merge/split  one printed character read as two, two as one, or a non-hanzi involved
//   number       a numeral or digit printed or read
//   name         inside a byline name the detector skips
//   adjacent     another misread character within two characters (one error spoils the
//                context the other is judged in)
//   found        a suggestion touches it (right or wrong fix)
//   no-candidate the printed character is not among the candidates the detector judges
//   below        it is among them, but its evidence (with the damage prior) is below the threshold
//   suppressed   its evidence clears the threshold, but a stronger finding nearby or a repeat won
// For "no-candidate" and "below", the evidence the printed character would have had (language
// model gain + channel) is summarised too.
//
//   node scripts/ocr/analyse-misses.mjs [--split dev] [--show N] [--ceiling]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadTyposModules, root } from './load-core.mjs'
import { ocrErrors, scoreRecord } from './score.mjs'

const arg = (name) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : null)
const split = arg('split') ?? 'dev'
const show = Number(arg('show') ?? 0)

const T = await loadTyposModules(
  'analyse',
  `export * from './index'; export * from './detect'; export { LmScorer } from './lmScorer'; export { shapeLogProb, wideContextCandidates } from './contextCandidates'; export * from './damage'`
)
const model = T.loadTypoModel()
const threshold = T.MIN_EVIDENCE_LEARNT
const scorer = new T.LmScorer(model.lm, model.lexicon, T.OOV_COST, T.NAME_COST, 0, T.OOV3_COST, T.NAME3_COST)
const HAN1 = /^[\u3400-\u4dbf\u4e00-\u9fff]$/
const NUM = /[0-9０-９〇一二三四五六七八九十百千万亿两零]/
const isHan = (c) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)

/** Damage (damage.ts) at p of run [rs, re). */
function damageAt(text, p, rs, re) {
  const broken = new Uint8Array(re - rs), damage = new Uint8Array(re - rs)
  T.localDamage(text, rs, re, model.lm, broken, damage)
  return { broken: broken[p - rs] === 1, damage: damage[p - rs] }
}

/**
 * The candidates the detector judges at p (detect.ts: channels' first 12; where the character is
 * broken, the context's, all common-word partners where the stretch is damaged).
 */
function judged(text, p, rs, re) {
  const code = text.charCodeAt(p)
  const l = p > rs ? text.charCodeAt(p - 1) : -1
  const r = p + 1 < re ? text.charCodeAt(p + 1) : -1
  const { broken, damage } = damageAt(text, p, rs, re)
  const set = new Set()
  for (const ch of [model.channel, model.glyphChannel]) for (const c of ch.candidates(text[p], 12)) if (c.printed.length === 1) set.add(c.printed.charCodeAt(0))
  const ctx = damage >= T.WIDE_FROM ? T.wideContextCandidates : T.contextCandidates
  if (broken) for (const c of ctx(model, code, l, r, [...set]).codes) set.add(c)
  return { set }
}

/** Evidence of `truth` at p as the detector would compute it (best channel among the three). */
function evidence(text, p, rs, re, truth) {
  const read = text[p]
  scorer.load(text, rs, re)
  const e = Math.min(re - rs, p - rs + 1 + 4)
  const lmGain = scorer.swappedAt(p - rs, truth.charCodeAt(0), e) - scorer.baseAt(e)
  const sim = model.shapes ? model.shapes.similarity(read.charCodeAt(0), truth.charCodeAt(0)) : 0
  const channel = Math.max(model.channel.logProb(read, truth), model.glyphChannel.logProb(read, truth), T.shapeLogProb(sim))
  const prior = T.damagePrior(damageAt(text, p, rs, re).damage)
  const readRight = model.channel.logProb(read, read)
  // The bar of this evidence type (detect.ts): a strong channel needs STRONG_RELIEF less.
  const bar = threshold - (channel - readRight >= T.STRONG_CHANNEL ? T.STRONG_RELIEF : 0)
  return { lmGain, channel, readRight, prior, ev: lmGain + channel - readRight + prior, bar }
}

const records = readFileSync(join(root, 'test', 'fixtures', 'ocr-dev', `${split}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
const buckets = new Map()
const put = (b, line) => {
  if (!buckets.has(b)) buckets.set(b, [])
  buckets.get(b).push(line)
}
// --ceiling: what a perfect judge could reach with these candidates, and with a channel that knew
// every misreading (the printed character always a candidate, at the strength of a common
// misreading: log-odds STRONG_CHANNEL, the bar lowered by STRONG_RELIEF as detect.ts does).
const ceiling = { inSet: 0, oneForOne: 0, oracle: 0 }
const overlap = { adjacentAlso: 0, adjacentNoCand: 0, adjacentBelow: 0 }
const evs = { 'no-candidate': [], below: [] }
let total = 0
for (const r of records) {
  const sugg = T.detectSuspicious(r.ocr)
  const { errors } = ocrErrors(r.truth, r.ocr)
  const s = scoreRecord(r.truth, r.ocr, sugg)
  const missed = new Set(s.misses.map((m) => m.start))
  const names = T.extractNames(r.ocr)
  for (const e of errors) {
    total++
    const ctx = `${r.engine} ${r.ocr.slice(Math.max(0, e.start - 4), e.end + 4)}: ${e.read}→${e.truth}`
    if (!(HAN1.test(e.read) && HAN1.test(e.truth))) { put('merge/split', ctx); continue }
    if (NUM.test(e.read + e.truth)) { put('number', ctx); continue }
    if (names.some((n) => n.start < e.end && e.start < n.end)) { put('name', ctx); continue }
    const adjacent = errors.some((o) => o !== e && o.start < e.end + 2 && e.start < o.end + 2)
    const p = e.start
    let rs = p, re = p + 1
    while (rs > 0 && isHan(r.ocr.charCodeAt(rs - 1))) rs--
    while (re < r.ocr.length && isHan(r.ocr.charCodeAt(re))) re++
    const { set } = judged(r.ocr, p, rs, re)
    const inSet = set.has(e.truth.charCodeAt(0))
    const ev = evidence(r.ocr, p, rs, re, e.truth)
    if (!missed.has(e.start) || inSet) ceiling.inSet++
    ceiling.oneForOne++
    if (ev.lmGain + T.STRONG_CHANNEL + ev.prior >= threshold - T.STRONG_RELIEF) ceiling.oracle++
    const sub = !missed.has(e.start) ? 'found' : !inSet ? 'no-candidate' : ev.ev < ev.bar ? 'below' : 'suppressed'
    if (adjacent) {
      put('adjacent', ctx)
      if (sub === 'no-candidate') overlap.adjacentNoCand++
      if (sub === 'below') overlap.adjacentBelow++
      if (sub === 'found') overlap.adjacentAlso++
      continue
    }
    put(sub, `${ctx} (ev ${ev.ev.toFixed(1)} = lm ${ev.lmGain.toFixed(1)} + ch ${(ev.channel - ev.readRight).toFixed(1)})`)
    if (evs[sub]) evs[sub].push(ev)
  }
}
const q = (list, f) => {
  const v = list.map(f).sort((a, b) => a - b)
  return v.length ? `median ${v[v.length >> 1].toFixed(1)}, quartiles ${v[v.length >> 2].toFixed(1)} / ${v[(3 * v.length) >> 2].toFixed(1)}` : '-'
}
console.log(`${split}: ${total} misread characters (threshold ${threshold})`)
for (const b of ['merge/split', 'number', 'name', 'adjacent', 'found', 'no-candidate', 'below', 'suppressed']) {
  const list = buckets.get(b) ?? []
  console.log(`  ${b.padEnd(13)} ${String(list.length).padStart(4)}  ${(list.length / total).toFixed(3)}`)
}
console.log(`  adjacent of which: found ${overlap.adjacentAlso}, no candidate ${overlap.adjacentNoCand}, candidate below threshold ${overlap.adjacentBelow}`)
for (const b of ['no-candidate', 'below']) {
  const list = evs[b]
  console.log(`  ${b}: evidence ${q(list, (e) => e.ev)}; lm gain ${q(list, (e) => e.lmGain)}; channel ${q(list, (e) => e.channel - e.readRight)}`)
  console.log(`    evidence ≥ 0: ${list.filter((e) => e.ev >= 0).length}, ≥ 2: ${list.filter((e) => e.ev >= 2).length}, lm gain > 0: ${list.filter((e) => e.lmGain > 0).length}`)
}
if (process.argv.includes('--ceiling')) {
  console.log(`  ceiling: a perfect judge among the candidates judged ${ceiling.inSet} (${(ceiling.inSet / total).toFixed(3)}); of the ${ceiling.oneForOne} one-for-one hanzi misreadings, the printed character's`)
  console.log(`    evidence with a channel that knew every misreading (log-odds ${T.STRONG_CHANNEL}) clears the bar for ${ceiling.oracle} (${(ceiling.oracle / total).toFixed(3)} of all ${total})`)
}
if (show) for (const [b, list] of buckets) console.log(`--- ${b}\n  ${list.slice(0, show).join('\n  ')}`)
