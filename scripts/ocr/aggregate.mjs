// Turns cached OCR passes into counts of what was read for what was printed, and writes the
// table the loader (src/core/typos/confusions.ts) reads.
import { writeFileSync } from 'node:fs'
import { brotliCompressSync, constants } from 'node:zlib'
import { align, anchored } from './align.mjs'

/** Entries below this (soft) count are dropped from the shipped table. */
export const MIN_COUNT = 0.1
/** Two characters read as one must have happened this often: single merges are mostly garbage aligned. */
export const MIN_MERGE = 2

/**
 * Weight of Tesseract's alternative at rank k (its own reading rank 0) relative to its reading:
 * TESS_ALT^k. Tesseract prints the order of what it nearly read but no probability
 * (tesseract.mjs), so its soft counts are this geometric guess, chosen on the OCR dev set: the
 * table of 100 passes aggregated at 0, 0.02, 0.05, 0.1 and 0.2 gave a mean log P(read | printed)
 * of −0.2273, −0.2265, −0.2275, −0.2304 and −0.2339 a dev hanzi (channel constants refitted to
 * each, scripts/ocr/fit-channel.mjs) and dev recall 0.291, 0.296, 0.293, 0.295, 0.295 (npm run
 * eval:typos, the same constants for all). 0 counts only what it read.
 */
export const TESS_ALT = 0.02

export function aggregate(passes, { tessAlt = TESS_ALT } = {}) {
  const rows = new Map() // printed (1 char) → { n, reads: Map }
  const merges = new Map() // printed pair → Map(read → count)
  const texts = [] // printed strings each engine read, for counting merged pairs afterwards
  const engines = { tesseract: { chars: 0, errors: 0 }, paddle: { chars: 0, errors: 0 } }
  const row = (p) => {
    let r = rows.get(p)
    if (!r) rows.set(p, (r = { n: 0, reads: new Map() }))
    return r
  }
  const add = (map, k, c) => map.set(k, (map.get(k) ?? 0) + c)

  const take = (printed, read, engine, chars) => {
    const ops = align(printed, read)
    texts.push(printed)
    engines[engine].chars += printed.length
    for (let k = 0; k < ops.length; k++) {
      const o = ops[k]
      if (o.printed !== o.read) engines[engine].errors++
      if (o.printed === '' || o.read === '') continue // lost or spurious characters: no pair
      if (o.printed !== o.read && !anchored(ops, k)) continue
      if (o.printed.length === 2) {
        let m = merges.get(o.printed)
        if (!m) merges.set(o.printed, (m = new Map()))
        add(m, o.read, 1)
        continue
      }
      const r = row(o.printed)
      r.n += 1
      const soft = chars && o.read.length === 1 ? chars[o.j] : undefined
      if (soft && soft.alts.length > 0) {
        // The recogniser's probabilities at the frame it read this character: what it was
        // nearly read as counts too, in proportion.
        let total = 0
        for (const a of soft.alts) total += a.prob
        for (const a of soft.alts) if (a.char !== o.printed) add(r.reads, a.char, a.prob / total)
      } else if (o.read !== o.printed) add(r.reads, o.read, 1)
    }
  }

  for (const pass of passes)
    for (const page of pass.pages) {
      if (page.tess) take(page.lines.join(''), page.tess.join(''), 'tesseract', tessAlt > 0 && page.tessChoices ? page.tessChoices.map((c) => c && { alts: c.map((char, k) => ({ char, prob: tessAlt ** k })) }) : null)
      page.lines.forEach((line, k) => {
        const p = page.paddle[k]
        if (p) take(line, p.text, 'paddle', p.chars)
      })
    }

  // How often each merged pair was printed (and read by an engine), to turn counts into rates.
  const pairN = new Map([...merges.keys()].map((k) => [k, 0]))
  for (const t of texts) for (let i = 0; i + 1 < t.length; i++) {
    const k = t.slice(i, i + 2)
    if (pairN.has(k)) pairN.set(k, pairN.get(k) + 1)
  }
  for (const [pair, reads] of merges) rows.set(pair, { n: Math.max(pairN.get(pair), [...reads.values()].reduce((s, c) => s + c, 0)), reads })
  return { rows, engines, passes: passes.length }
}

/**
 * Writes the table. `charFreq` (character → frequency per million in running text) goes in the
 * third column: the loader ranks candidates by it as well as by the channel.
 */
export function writeTable(table, out, charFreq = new Map(), { minCount = MIN_COUNT } = {}) {
  const lines = [
    '# OCR confusions learnt by scripts/ocr/build-confusions.mjs from Tesseract chi_sim and PP-OCRv4 reading rendered, degraded text; do not edit.',
    `# printed<TAB>times aligned<TAB>frequency per million<TAB>read count<TAB>… (read ≠ printed; counts below ${minCount} dropped, merges below ${MIN_MERGE}; the engines' near readings count softly)`,
    `# passes ${table.passes}; ` + Object.entries(table.engines).map(([e, s]) => `${e}: ${s.chars} chars, CER ${((s.errors / Math.max(1, s.chars)) * 100).toFixed(2)}%`).join('; ')
  ]
  let pairs = 0
  for (const [p, r] of [...table.rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const min = p.length === 2 ? MIN_MERGE : minCount
    const reads = [...r.reads].filter(([read, c]) => c >= min && !/\s/.test(read)).sort((a, b) => b[1] - a[1])
    if (p.length === 2 && reads.length === 0) continue
    pairs += reads.length
    const f = p.length === 1 ? Math.round((charFreq.get(p) ?? 0) * 10) / 10 : 0
    lines.push([p, Math.max(1, Math.round(r.n)), f, ...reads.map(([read, c]) => `${read} ${Math.round(c * 10) / 10}`)].join('\t'))
  }
  const text = lines.join('\n') + '\n'
  const buf = brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: text.length } })
  writeFileSync(out, buf)
  return { rows: lines.length - 3, pairs, bytes: buf.length, rawBytes: Buffer.byteLength(text) }
}
