#!/usr/bin/env node
// Galley's typo detector (src/core/typos, whatever is current) on real OCR errors: the dev and
// held-out sets of test/fixtures/ocr-dev (made by make-dev.mjs), and its false alarms on clean
// text (the sets' own truth and test/fixtures/typos/clean-news.txt).
//
//   node scripts/ocr/eval.mjs [--split dev|heldout] [--engine tesseract|paddle] [--show N] [--json] [--coverage] [--clean DIR] [--pages N]
//
// Recall: share of misread characters (hanzi involved) that a suggestion touches. Precision:
// share of suggestions on OCR text that touch a misread character. Top-1: share of misread
// characters whose touching suggestion turns the text back into the truth. Lost characters
// (read as nothing) cannot be pointed at and are reported apart.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadCore, root } from './load-core.mjs'
import { scoreRecord } from './score.mjs'

const arg = (name) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : null)
const splits = arg('split') ? [arg('split')] : ['dev', 'heldout']
const engine = arg('engine')
const show = Number(arg('show') ?? 0)
const asJson = process.argv.includes('--json')
const pages = Number(arg('pages') ?? 0)

const { typos } = await loadCore()
// The detector with its defaults, as the app calls it (its model loads on first use).
const detect = (text) => typos.detectSuspicious(text)
const t0 = performance.now()
detect('今天')
const loadMs = performance.now() - t0

const results = {}
for (const split of splits) {
  const file = join(root, 'test', 'fixtures', 'ocr-dev', `${split}.jsonl`)
  if (!existsSync(file)) {
    console.error(`${file}: missing (make it with node scripts/ocr/make-dev.mjs)`)
    process.exitCode = 1
    continue
  }
  let records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => !engine || r.engine === engine)
  // --pages N: N paragraphs of one engine set as one page (a line each), as a page reaches the
  // detector: a word misread the same way twice on a page must still be found.
  if (pages > 0) {
    const byEngine = new Map()
    for (const r of records) byEngine.set(r.engine, [...(byEngine.get(r.engine) ?? []), r])
    records = []
    for (const [eng, list] of byEngine)
      for (let k = 0; k < list.length; k += pages) {
        const part = list.slice(k, k + pages)
        records.push({ engine: eng, truth: part.map((r) => r.truth).join('\n'), ocr: part.map((r) => r.ocr).join('\n') })
      }
  }
  const tally = { records: records.length, chars: 0, errors: 0, detected: 0, fixed: 0, suggestions: 0, correctSuggestions: 0, lost: 0 }
  const misses = [], wrong = [], falseHits = []
  let detectMs = 0
  for (const r of records) {
    const t = performance.now()
    const sugg = detect(r.ocr)
    detectMs += performance.now() - t
    const s = scoreRecord(r.truth, r.ocr, sugg)
    for (const k of ['chars', 'errors', 'detected', 'fixed', 'suggestions', 'correctSuggestions', 'lost']) tally[k] += s[k]
    for (const m of s.misses) misses.push(`${r.engine} ${r.ocr.slice(Math.max(0, m.start - 4), m.end + 4)}: ${m.read}→${m.truth}`)
    for (const w of s.wrong) wrong.push(`${r.engine} ${r.ocr.slice(Math.max(0, w.start - 4), w.end + 4)}: ${w.read}→${w.truth}, got ${w.got}`)
    for (const f of s.falseHits) falseHits.push(`${r.engine} ${r.ocr.slice(Math.max(0, f.start - 4), f.end + 4)}: ${f.original}→${f.replacement}`)
  }
  // Clean text: each paragraph once, as printed.
  const truths = [...new Set(records.map((r) => r.truth))]
  let cleanChars = 0, cleanAlarms = 0
  const cleanExamples = []
  for (const t of truths) {
    cleanChars += t.length
    for (const s of detect(t)) {
      cleanAlarms++
      cleanExamples.push(`${t.slice(Math.max(0, s.start - 4), s.end + 4)}: ${s.original}→${s.replacement}`)
    }
  }
  results[split] = {
    ...tally,
    recall: tally.detected / Math.max(1, tally.errors),
    precision: tally.correctSuggestions / Math.max(1, tally.suggestions),
    top1: tally.fixed / Math.max(1, tally.errors),
    cleanChars,
    cleanAlarms,
    cleanPer2000: (cleanAlarms * 2000) / Math.max(1, cleanChars),
    detectKBs: (records.reduce((n, r) => n + Buffer.byteLength(r.ocr), 0) / 1024) / (detectMs / 1000)
  }
  if (show > 0) {
    console.log(`--- ${split}: missed (first ${show})\n  ${misses.slice(0, show).join('\n  ')}`)
    console.log(`--- ${split}: found, wrong fix (first ${show})\n  ${wrong.slice(0, show).join('\n  ')}`)
    console.log(`--- ${split}: suggestions on right text (first ${show})\n  ${falseHits.slice(0, show).join('\n  ')}`)
    console.log(`--- ${split}: false alarms on clean text\n  ${cleanExamples.slice(0, show).join('\n  ')}`)
  }
}

const newsFile = join(root, 'test', 'fixtures', 'typos', 'clean-news.txt')
if (existsSync(newsFile)) {
  const text = readFileSync(newsFile, 'utf8')
  const n = detect(text).length
  results.cleanNews = { chars: text.length, alarms: n, per2000: (n * 2000) / text.length }
}

// Clean pages of a folder (every .txt): every character fix suggested there is a false alarm.
// For measuring only (e.g. --clean ../shared/dev-pages/rmrb): nothing is fitted on them.
if (arg('clean')) {
  const dir = arg('clean')
  let chars = 0, alarms = 0
  const examples = []
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(dir, f), 'utf8')
    chars += text.length
    for (const s of detect(text)) {
      if (s.rule !== 'typo') continue
      alarms++
      examples.push(`${f} ${text.slice(Math.max(0, s.start - 4), s.end + 4).replace(/\s/g, ' ')}: ${s.original}→${s.replacement}`)
    }
  }
  results.clean = { dir, chars, alarms, per2000: (alarms * 2000) / Math.max(1, chars) }
  if (show > 0) console.log(`--- ${dir}: character fixes\n  ${examples.slice(0, show).join('\n  ')}`)
}
if (show > 0 && existsSync(newsFile)) {
  const text = readFileSync(newsFile, 'utf8')
  console.log(`--- clean-news.txt: false alarms\n  ${detect(text).map((s) => `${text.slice(Math.max(0, s.start - 4), s.end + 4)}: ${s.original}→${s.replacement}`).join('\n  ')}`)
}

if (asJson) console.log(JSON.stringify({ loadMs, ...results }, null, 1))
else {
  console.log(`detector: src/core/typos (first call with model load ${loadMs.toFixed(0)} ms)${engine ? `; engine ${engine} only` : ''}`)
  for (const split of splits) {
    const r = results[split]
    if (!r) continue
    console.log(
      `${split.padEnd(8)} ${r.records} OCR texts, ${r.chars} chars, ${r.errors} misread (+${r.lost} lost): ` +
        `recall ${r.recall.toFixed(3)}, precision ${r.precision.toFixed(3)} (${r.correctSuggestions}/${r.suggestions}), top-1 right ${r.top1.toFixed(3)}; ` +
        `clean truth ${r.cleanChars} chars: ${r.cleanAlarms} false alarms = ${r.cleanPer2000.toFixed(2)} per 2,000 chars`
    )
  }
  if (results.clean) console.log(`${results.clean.dir} ${results.clean.chars} chars: ${results.clean.alarms} character fixes = ${results.clean.per2000.toFixed(2)} per 2,000 chars`)
  if (results.cleanNews) console.log(`clean-news.txt ${results.cleanNews.chars} chars: ${results.cleanNews.alarms} false alarms = ${results.cleanNews.per2000.toFixed(2)} per 2,000 chars`)
}

// Which wrong→right pairs of the sets (one hanzi read for another) the confusion table and the
// old look-alike table know at all, and how many the candidate list a detector draws from holds.
if (process.argv.includes('--coverage')) {
  const { confusions } = await loadCore()
  const cm = confusions.loadConfusions()
  const { ocrErrors } = await import('./score.mjs')
  const HAN1 = /^[\u3400-\u4dbf\u4e00-\u9fff]$/
  for (const split of splits) {
    const file = join(root, 'test', 'fixtures', 'ocr-dev', `${split}.jsonl`)
    if (!existsSync(file)) continue
    const tokens = []
    for (const r of readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)))
      if (!engine || r.engine === engine) for (const e of ocrErrors(r.truth, r.ocr).errors) tokens.push({ ...e, text: r.ocr })
    const subs = tokens.filter((e) => HAN1.test(e.read) && HAN1.test(e.truth))
    const other = tokens.filter((e) => !(HAN1.test(e.read) && HAN1.test(e.truth)))
    const count = (list, f) => list.filter(f).length
    const distinct = [...new Map(subs.map((e) => [e.read + e.truth, e])).values()]
    const learnt = (e) => cm.observed(e.read, e.truth) > 0
    const la = typos.loadTypoModel().lookalikes
    const shape = (e) => la.similarity(e.read, e.truth) > 0 || la.similarity(e.truth, e.read) > 0
    const cand = (e) => cm.candidates(e.read).some((c) => c.printed === e.truth)
    // What the detector judges: each channel's first 12, and where the character read makes a
    // word with neither neighbour, the context's candidates (src/core/typos/contextCandidates.ts).
    const model = typos.loadTypoModel()
    const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/
    const judged = (e) => {
      const code = e.read.charCodeAt(0)
      if ([model.channel, model.glyphChannel].some((ch) => ch.candidates(e.read, 12).some((c) => c.printed === e.truth))) return true
      const l = e.start > 0 && HAN.test(e.text[e.start - 1]) ? e.text.charCodeAt(e.start - 1) : -1
      const r = e.end < e.text.length && HAN.test(e.text[e.end]) ? e.text.charCodeAt(e.end) : -1
      if ((l >= 0 && model.lm.pair(l, code)) || (r >= 0 && model.lm.pair(code, r))) return false
      return typos.contextCandidates(model, code, l, r, null).codes.includes(e.truth.charCodeAt(0))
    }
    console.log(
      `${split}: ${subs.length} one-for-one hanzi misreadings (${distinct.length} distinct pairs), ${other.length} other (split, merge, non-hanzi)\n` +
        `  in the learnt confusion table: ${count(subs, learnt)} (${count(distinct, learnt)} distinct)\n` +
        `  in the look-alike table:       ${count(subs, shape)} (${count(distinct, shape)} distinct)\n` +
        `  in either:                      ${count(subs, (e) => learnt(e) || shape(e))} (${count(distinct, (e) => learnt(e) || shape(e))} distinct)\n` +
        `  among candidates(read) (20):    ${count(subs, cand)} (${count(distinct, cand)} distinct)\n` +
        `  judged by the detector:         ${count(subs, judged)} (with the context's candidates)\n` +
        `  splits/merges in the table:     ${count(other.filter((e) => e.read.length + e.truth.length === 3), (e) => cm.observed(e.read, e.truth) > 0)} of ${other.filter((e) => e.read.length + e.truth.length === 3).length}`
    )
  }
}
