import { CONTEXT_CANDIDATES, contextCandidatesInto, wideContextCandidates } from './contextCandidates'
import { damagePrior, localDamage, WIDE_FROM } from './damage'
import { isHan } from './han'
import { B1, B2 } from './hash'
import { type LanguageModel, LM_MAX_WORD } from './lm'
import { BOUND_MARGIN, isSurname, LmScorer } from './lmScorer'
import type { TypoModel } from './model'
import { repeatedSpans, sightings } from './repeats'
import { startRunsInLanes } from './lanes'
import { judgeFeatures, judgeScore, NEAR_FROM, NEAR_REACH, nearCounts } from './judge'

/**
 * Noisy-channel judgement of each suspicious character. For a character r read at some
 * position and a character c that could have been printed there, the evidence that c was
 * printed is
 *
 *   ln P(sentence with c) − ln P(sentence as read)      (word trigram model, lm.ts)
 *   + ln P(engine reads c as r) − ln P(engine reads r as r)   (the channel, confusions.ts)
 *   + the prior odds of a misreading where the stretch around is damaged  (damage.ts)
 *
 * i.e. the log of the posterior odds of "misread" against "read right". A position is flagged
 * when the best candidate's evidence clears MIN_EVIDENCE, calibrated on generated data: look-
 * alike errors injected into test/fixtures/typos/clean-news.txt (typos-accuracy.test.ts), the
 * OCR dev set of scripts/ocr (real engine output of Galley's own sentences) and clean technical
 * prose (Debian's manpages-zh). Lower and clean news text raises more than 0.5 false alarms
 * per 2,000 characters; higher loses errors whose context is weak (老认的肺腑之言: 2.9).
 */
export const MIN_EVIDENCE = 2.75
/**
 * The same with the confusion table learnt from OCR engines (resources/typos/confusions.tsv.br):
 * it makes more pairs likely, so clean text raises more false alarms at the same threshold
 * (clean-news.txt: 0.60 per 2,000 characters at 3.25, 0.50 at 3.75, 0.30 at 4.25; OCR dev set
 * precision 0.97 at 3, 1.0 at 4). Raised from 4.25 to 5.25 with the dearer unknown 3-character
 * stretches below (OOV3_COST), which lift the language model's gain of most corrections.
 * Down to 4.5 once look-alikes the engines never confused cost GLYPH_UNSEEN more and stretches
 * read twice on a page are its terms (unrepeated below), which took false alarms away: OCR dev
 * recall 0.247 -> 0.268 at precision 0.956, held-out 0.191 -> 0.223 (checked, not fitted),
 * ../shared/dev-pages/rmrb 33 -> 37 character fixes (the floor is 41 on its 165,140 characters),
 * clean-news.txt 4 -> 2. GLYPH_UNSEEN + this bar is at most 5.47, the evidence of 独居老认 in
 * typos.test.ts (人 read as 认 is no pair the engines showed); 4.25 with GLYPH_UNSEEN 1 gave
 * dev 0.277 but 42 rmrb fixes. Up to 5 with the table of 116 passes (Tesseract's near readings
 * counted, confusions.ts refitted: errorScale 0.25 -> 0.4 makes every learnt pair more likely)
 * and GLYPH_UNSEEN 0: at 4.5 (GLYPH_UNSEEN 0.5) rmrb raised 47 fixes; 4.75 with GLYPH_UNSEEN 0.5
 * gave dev 0.296, held-out 0.257, rmrb 38, but the sample edition's 老认 got 老鹰 as its fix (the
 * engines read 鹰 as 认 8 times in 123, and 人 never); 5 with GLYPH_UNSEEN 0 gives dev 0.296,
 * held-out 0.251, rmrb 35, and 人 first (独居老认: 5.54). The constants refitted on the final
 * table (errorScale 0.5) needed 5.25 for 41 rmrb fixes (dev 0.304, held-out 0.255): not kept.
 * With the judge (judge.ts) this is the bar a finding clears on its evidence alone; below it, the
 * judge may flag a finding close to one that clears it (POOL_EVIDENCE).
 */
export const MIN_EVIDENCE_LEARNT = 5
/**
 * With the learnt channel, a second pass (scoreRuns with `pool`) looks again at the positions of
 * a run within NEAR_REACH of a finding of the first and keeps their candidates from this much
 * evidence on, for the judge (judge.ts), which may flag them below MIN_EVIDENCE_LEARNT. The
 * judge was fitted on this pool. Of the bars tried (-1 to 5, the pool at first at every broken
 * character of a damaged stretch) 2 did best: lower was no better. The pool at every such
 * character of a page cost its 20 MB page (npm run bench) about 1 s of CPU, at every character
 * 2 s (the swap bound spares fewer trigram searches); near the first pass's findings, each run on
 * its own, it costs little, and with every position near them, not only broken ones, OCR dev
 * recall is 0.330 (0.316), held-out 0.281 (0.274).
 */
export const POOL_EVIDENCE = 2
/** Characters after the swapped one over which the two readings are compared. */
const REACH = 4
/** ln P of reading a two-character stretch as one word the model lacks (names, new terms). */
export const OOV_COST = -9
/** The same for a stretch that starts with a common surname (lmScorer.ts). */
export const NAME_COST = -5
/**
 * The same two for three characters: one character more of what the model cannot place costs
 * more (three-character names are common: less so). With OOV3_COST = OOV_COST a misread
 * character hid inside a cheap unknown stretch. Chosen on the OCR dev set, clean-news.txt and
 * the dev truths with MIN_EVIDENCE_LEARNT 4.25 -> 5.25 (npm run eval:typos): dev recall 0.207 ->
 * 0.242 at precision 0.958, clean-news 3 -> 2 false alarms; -17 and -8 reached 0.265 on dev but
 * raised more false alarms on clean pages.
 */
export const OOV3_COST = -15
export const NAME3_COST = -7
/**
 * Evidence types: a misreading engines make often (channel log-odds ≥ STRONG_CHANNEL, about one
 * reading in 55 of the printed character: 未 read as 末) needs STRONG_RELIEF nats less than one
 * with only the language model behind it (shape-only and context candidates, whose channel is
 * flat). 末来 → 未来 has 4.4 nats; on the OCR dev set recall 0.242 -> 0.247 at precision 0.96.
 */
export const STRONG_CHANNEL = -4
export const STRONG_RELIEF = 1
/** Added to ln(lexicon frequency / lexicon total) for a lexicon word the language model lacks. */
const LEX_BONUS = 0
/**
 * Nats taken off the glyph channel's probability of a look-alike the engines never read that
 * way (alternatives below). 0.75 -> 0 with the table of 116 passes and the bar at 5: the engines'
 * larger table speaks for many more pairs, and a look-alike it never saw must still outweigh a
 * pair it saw a few times where the context prefers the look-alike (老认 → 人, not 鹰;
 * MIN_EVIDENCE_LEARNT).
 */
export const GLYPH_UNSEEN = 0
// Numerals are all look-alikes of each other (二/三, 十/千) and any of them reads as a word:
// the text cannot tell which number was printed.
const NUMERALS = new Set('〇一二三四五六七八九十百千万亿两零'.split('').map((c) => c.charCodeAt(0)))
// Module copies of the hash constants (see lm.ts).
const M1 = B1
const M2 = B2
const MAX_WORD = LM_MAX_WORD
/**
 * Candidates asked of each channel per read character, most likely first. At 12 the learnt
 * channel's list cut off the printed character of 21 of the dev set's 476 one-for-one hanzi
 * misreadings (16 of 400 held-out) that the engines had shown; at 20 (before the swap bound of
 * lmScorer.ts it cost 30% more time for no gain) OCR dev recall 0.263 -> 0.265 at precision
 * 0.968, held-out 0.218 -> 0.223 at 0.954 (from 0.936), rmrb 34 -> 35 character fixes.
 */
const CANDIDATES = 20
/** Two suggestions closer than this compete: one misread disturbs its neighbours' context too. */
const MIN_SPACING = 3

export interface CharCandidate {
  /** Position of the swapped character. */
  pos: number
  replacement: string
  /** ln posterior odds of the replacement against the character as read. */
  evidence: number
  /** Of which the language model's part. */
  lmGain: number
  /** ln P(read | replacement printed). */
  channel: number
  /** Word of the corrected reading that holds the swapped character. */
  wordStart: number
  wordEnd: number
  /**
   * What ranks and flags it: with the learnt channel the judge's log-odds (judge.ts, set on the
   * page), else the evidence.
   */
  score: number
}

export interface PositionFinding {
  pos: number
  best: CharCandidate
  others: CharCandidate[]
  /** Broken characters near the position (damage.ts). */
  damage: number
  /** Found by the second pass, for the judge (below minEvidence: judgePool). */
  pooled?: boolean
}

interface Alt {
  codes: Int32Array
  /** ln P(read | candidate printed), per candidate. */
  logProbs: Float64Array
  /** ln P(read | read printed). */
  readRight: number
}

const scorers = new WeakMap<TypoModel, LmScorer>()
const channels = new WeakMap<TypoModel, Map<number, Alt | null>>()

/**
 * The channel's candidates for one read character, as codes (cached per model). Learnt
 * confusions and glyph similarity combined: each candidate of either, at the higher of its two
 * probabilities. Engines and scans differ from the ones the table was learnt on, so a shape
 * neighbour the data never showed keeps its glyph probability, less GLYPH_UNSEEN: the engines
 * were shown the printed character thousands of times and never read it so. At the learnt
 * channel's own probability for such pairs (the glyph prior smoothed with the engines' counts,
 * scripts/ocr/fit-channel.mjs) the clean pages of ../shared/dev-pages/rmrb fell from 33 to 11
 * character fixes (glyph-only pairs with a channel of −6 to −4 made 23 of the 33) for OCR dev
 * recall 0.247 -> 0.230, but 老认 (人 read as 认, a misreading of the sample pages the engines
 * never showed) was lost; GLYPH_UNSEEN 0.75 with MIN_EVIDENCE_LEARNT 4.5 kept it (now 0 and 5).
 */
function alternatives(model: TypoModel, code: number): Alt | null {
  let cache = channels.get(model)
  if (!cache) channels.set(model, (cache = new Map()))
  let alt = cache.get(code)
  if (alt !== undefined) return alt
  const read = String.fromCharCode(code)
  const best = new Map<string, number>()
  for (const ch of [model.channel, model.glyphChannel])
    for (const c of ch.candidates(read, CANDIDATES)) {
      if (c.printed.length !== 1 || !isHan(c.printed.charCodeAt(0))) continue
      const lp = ch === model.glyphChannel && unseen(model, read, c.printed) ? Math.max(model.channel.logProb(read, c.printed), c.logProb - GLYPH_UNSEEN) : c.logProb
      best.set(c.printed, Math.max(best.get(c.printed) ?? -Infinity, lp))
    }
  const list = [...best].sort((a, b) => b[1] - a[1])
  alt =
    list.length === 0
      ? null
      : {
          codes: Int32Array.from(list, ([printed]) => printed.charCodeAt(0)),
          logProbs: Float64Array.from(list, ([, lp]) => lp),
          readRight: model.channel.logProb(read, read)
        }
  cache.set(code, alt)
  return alt
}

/** Whether the learnt channel has data and its engines never read `printed` as `read`. */
function unseen(model: TypoModel, read: string, printed: string): boolean {
  return model.channel.learnt && model.channel.observed(read, printed) === 0
}

/**
 * Judges each hanzi of the text against what the channel says could have been printed there
 * and keeps the positions whose evidence clears the threshold. `skip[i] = 1` excludes a
 * position (names, protected terms, learned fixes).
 */
export function findCharSwaps(
  text: string,
  skip: Uint8Array,
  model: TypoModel,
  minEvidence = model.channel.learnt ? MIN_EVIDENCE_LEARNT : MIN_EVIDENCE
): PositionFinding[] {
  const n = text.length
  // With the learnt channel, each run is scored again near its findings for the judge (judgePool).
  const pool = model.channel.learnt && POOL_EVIDENCE < minEvidence ? POOL_EVIDENCE : undefined
  // A long page's runs are scored by other threads too (lanes.ts), started before this one
  // begins; the page-level judgement stays whole. Short texts, and where no thread can be
  // started, on this thread alone.
  const lanes = n >= LANES_FROM ? startRunsInLanes(text, skip, model, minEvidence, pool) : null
  // The findings of the runs scored so far on this thread, by the run's text (scoreRuns).
  const seen = new Map<string, PositionFinding[]>()
  const here = (from: number, to: number): PositionFinding[] => scoreRuns(text, skip, model, minEvidence, from, to, seen, pool)
  const found = lanes ? lanes.finish(here) : here(0, n)
  if (pool === undefined) return judgedOnPage(text, found)
  return judgedOnPage(text, judged(text, judgePool(found), model))
}

/** The findings the judge looks at, by position, and for each how many flagged ones are close by. */
export interface JudgePool {
  found: PositionFinding[]
  /** Whether the finding cleared the bar on its evidence (the first pass). */
  plain: boolean[]
  near: number[]
}

/**
 * The judge's pool (judge.ts): the findings of a page's runs by position, those of the first
 * pass (each clearing minEvidence: flagged) and of the second (scoreRuns with `pool`: the
 * positions of a run close to a finding of the first, down to POOL_EVIDENCE), and for each how
 * many of the first kind are close by. The second pass looks nowhere else, as the judge flags
 * nothing without a finding close by: the rest of a page costs nothing more.
 */
export function judgePool(found: PositionFinding[]): JudgePool {
  const all = found.slice().sort((x, y) => x.pos - y.pos)
  const plain = all.map((f) => f.pooled !== true)
  return { found: all, plain, near: nearCounts(all.map((f) => f.pos), plain) }
}

/**
 * The findings flagged on their evidence alone (the first pass) or by the judge (judge.ts), each
 * candidate with the judge's score, which decides among findings close together
 * (judgedOnPage). A position's candidates keep the evidence's order: ranked by the judge's
 * score, the right fix came first less often on the OCR dev set. The judge sees only findings
 * near one of the first pass: deciding every finding down to POOL_EVIDENCE, the clean pages of
 * ../shared/dev-pages/rmrb raised 47 character fixes instead of 36.
 */
function judged(text: string, { found, plain, near }: JudgePool, model: TypoModel): PositionFinding[] {
  const out: PositionFinding[] = []
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!
    const read = text[f.pos]!
    // The candidates are this finding's own (scoreRuns, shifted and the lanes make copies).
    let any = false
    for (const c of [f.best, ...f.others]) {
      c.score = judgeScore(judgeFeatures(model, read, c.replacement, c.lmGain, c.channel, f.damage, near[k]!))
      if (c.score >= 0) any = true
    }
    if (plain[k] || any) out.push(f)
  }
  return out
}

/** Texts from this many characters (about 3 MB) share their detection among threads. */
const LANES_FROM = 1_000_000

/**
 * The findings of each run of two or more hanzi that starts in [from, to) (a run is judged
 * whole), before the page-level judgement. `seen` holds the findings of the runs scored so far,
 * by the run's text: a run's findings depend on its characters alone (and the skip mask, so a
 * run with a masked position is not kept), and a phrase that recurs on the page (furniture,
 * datelines, a text printed twice, the pages of a whole edition in one file) is scored once.
 * Pass the same map for the parts of one text, and only for one text, model and thresholds.
 * With `pool` (judgePool), a second pass over each run judges the positions within NEAR_REACH of
 * the first pass's findings again, keeping candidates from `pool` nats of evidence on (marked
 * `pooled`).
 */
export function scoreRuns(
  text: string,
  skip: Uint8Array,
  model: TypoModel,
  minEvidence: number,
  from: number,
  to: number,
  seen = new Map<string, PositionFinding[]>(),
  pool?: number
): PositionFinding[] {
  const lm = model.lm
  let scorer = scorers.get(model)
  if (!scorer) scorers.set(model, (scorer = new LmScorer(lm, model.lexicon, OOV_COST, NAME_COST, LEX_BONUS, OOV3_COST, NAME3_COST)))
  const found: PositionFinding[] = []
  const n = Math.min(to, text.length)
  let broken = new Uint8Array(256)
  let damage = new Uint8Array(256)
  let wanted = new Uint8Array(256)
  let i = from
  while (i < n) {
    if (!isHan(text.charCodeAt(i))) {
      i++
      continue
    }
    const rs = i
    let re = i
    while (re < text.length && isHan(text.charCodeAt(re))) re++
    i = re
    if (re - rs < 2) continue
    const key = unmasked(skip, rs, re) ? text.slice(rs, re) : null
    const before = key === null ? undefined : seen.get(key)
    if (before) {
      for (const f of before) found.push(shifted(f, rs))
      continue
    }
    const first = found.length
    let loaded = false
    if (re - rs > damage.length) {
      broken = new Uint8Array(2 * (re - rs))
      damage = new Uint8Array(2 * (re - rs))
    }
    localDamage(text, rs, re, lm, broken, damage)
    // Two passes: every position at minEvidence; then, for the judge (judgePool), the positions
    // close to what the first found, down to `pool`.
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 1) {
        if (pool === undefined) break
        if (wanted.length < re - rs) wanted = new Uint8Array(2 * (re - rs))
        if (!markPool(found, first, rs, re, skip, wanted)) break
      }
      for (let p = rs; p < re; p++) {
        if (skip[p] || (pass === 1 && !wanted[p - rs])) continue
        const code = text.charCodeAt(p)
        const left = p > rs ? text.charCodeAt(p - 1) : -1
        const right = p + 1 < re ? text.charCodeAt(p + 1) : -1
        const isolated = broken[p - rs] === 1
        // A character that makes a word with neither neighbour is where misreadings are (six
        // times as likely as elsewhere on the dev set): there the context proposes candidates too,
        // all of them where the stretch around is damaged (damage.ts).
        const harm = damage[p - rs]!
        const prior = damagePrior(harm)
        const alts = isolated ? contextual(model, code, left, right, harm >= WIDE_FROM) : alternatives(model, code)
        if (!alts) continue
        const numeral = NUMERALS.has(code)
        const e = Math.min(re - rs, p - rs + 1 + REACH)
        let base = NaN
        let cands: CharCandidate[] | undefined
        for (let k = 0; k < alts.codes.length; k++) {
          const alt = alts.codes[k]!
          if (numeral && NUMERALS.has(alt)) continue
          // A candidate that forms a word with neither neighbour rarely raises the probability,
          // unless the character as read forms none either (the whole context is broken there).
          if (!isolated && !wordThrough(lm, text, rs, re, p, alt)) continue
          if (!loaded) {
            scorer.load(text, rs, re)
            loaded = true
          }
          if (Number.isNaN(base)) {
            base = scorer.baseAt(e)
            scorer.prepareBound(p - rs, e)
          }
          // Most swaps cannot clear the bar even with every word at its best probability: their
          // bound (above the full score: lmScorer.ts) spares the trigram search.
          // The second pass (the judge's pool) goes down to its own bar.
          const odds = alts.logProbs[k]! - alts.readRight
          const bar = (pass === 1 ? pool! : minEvidence) - (odds >= STRONG_CHANNEL ? STRONG_RELIEF : 0)
          const need = base + (bar - BOUND_MARGIN) - (odds + prior)
          if (scorer.swapBound(p - rs, alt, e, need) < need) continue
          const lmGain = scorer.swappedAt(p - rs, alt, e) - base
          const evidence = lmGain + alts.logProbs[k]! - alts.readRight + prior
          if (evidence < bar) continue
          const [ws, we] = scorer.wordAt(p - rs, e)
          // A surname that makes no word: its gain is the scorer's cheap reading of what follows as a
          // name (NAME_COST), which any character before an unknown stretch could claim. On the OCR
          // dev set 能 → 熊, 喜 → 袁 and the like made 4 of the 7 suggestions on right text.
          if (we - ws === 1 && isSurname(alt) && !isSurname(code)) continue
          ;(cands ??= []).push({
            pos: p,
            replacement: String.fromCharCode(alt),
            evidence,
            lmGain,
            channel: alts.logProbs[k]!,
            wordStart: rs + ws,
            wordEnd: rs + we,
            score: evidence
          })
        }
        if (cands) {
          cands.sort((x, y) => y.evidence - x.evidence)
          const f: PositionFinding = { pos: p, best: cands[0]!, others: cands.slice(1), damage: harm }
          if (pass === 1) f.pooled = true
          found.push(f)
        }
      }
    }
    if (key !== null && seen.size < MAX_RUNS_KEPT) seen.set(key, found.length === first ? NONE : found.slice(first).map((f) => shifted(f, -rs)))
  }
  return found
}

/**
 * Marks in `wanted` (offsets from rs) the positions of run [rs, re) within NEAR_REACH of a
 * finding of the first pass (found[first..]) but not next to it, that are neither findings nor
 * skipped; whether there is any.
 */
function markPool(found: PositionFinding[], first: number, rs: number, re: number, skip: Uint8Array, wanted: Uint8Array): boolean {
  if (found.length === first) return false
  wanted.fill(0, 0, re - rs)
  for (let k = first; k < found.length; k++) {
    const p = found[k]!.pos
    for (let q = Math.max(rs, p - NEAR_REACH); q <= Math.min(re - 1, p + NEAR_REACH); q++) if (Math.abs(q - p) >= NEAR_FROM && !skip[q]) wanted[q - rs] = 1
  }
  for (let k = first; k < found.length; k++) wanted[found[k]!.pos - rs] = 0
  return wanted.subarray(0, re - rs).some((x) => x === 1)
}

/** The page-level judgement of the findings of all its runs. */
function judgedOnPage(text: string, found: PositionFinding[]): PositionFinding[] {
  const n = text.length
  // A string read the same way twice on one page is a term of that page (a name, a place, a
  // word the model lacks), not a misreading: OCR does not repeat its errors letter for letter
  // where the model would see one. All findings are checked in one pass over the text.
  const once = unrepeated(text, found)
  // One error disturbs its neighbours too: among findings close together keep the one that
  // explains the context best, never its valid neighbour. The places kept are marked in an
  // array over the text, so each finding checks its few neighbours, not every finding kept
  // before it (a long page has tens of thousands).
  const byStrength = once.sort((x, y) => y.best.score - x.best.score)
  const kept: PositionFinding[] = []
  const taken = new Uint8Array(n)
  const near = (pos: number): boolean => {
    for (let q = Math.max(0, pos - MIN_SPACING + 1); q < Math.min(n, pos + MIN_SPACING); q++) if (taken[q]) return true
    return false
  }
  for (const f of byStrength) {
    if (near(f.pos)) continue
    taken[f.pos] = 1
    kept.push(f)
  }
  return kept.sort((x, y) => x.pos - y.pos)
}

/**
 * Length of the stretches through a finding that make it a term of the page when read again:
 * the language model splits a name or term it lacks into single characters, and the finding's
 * word is then one character (a place name of a character the model lacks, before 路 or 村).
 * Such a stretch read again elsewhere in other surroundings (the characters either side differ)
 * is a term, as a word of three characters read twice is (repeatedSpans); not when all its
 * sightings sit in the same longer text (a sentence printed twice, one paragraph read twice),
 * which repeats a misreading as faithfully as a term, nor when the page also reads the stretch
 * as corrected. With GLYPH_UNSEEN and MIN_EVIDENCE_LEARNT 4.5 the clean pages of
 * ../shared/dev-pages/rmrb raise 37 character fixes with it, 47 without; the OCR dev and
 * held-out sets are unchanged by it, also as joined pages (--pages 10: 0.260, 0.217).
 */
const WINDOW = 3

/**
 * The findings whose word is not read again on the page, nor a stretch of WINDOW hanzi through
 * them in other surroundings.
 */
function unrepeated(text: string, found: PositionFinding[]): PositionFinding[] {
  const repeats = repeatedSpans(text, found.map((f) => ({ from: f.best.wordStart, to: f.best.wordEnd })))
  // Each finding's stretches: as read, as corrected, and as read with a character either side.
  const asked = found.map((f, k) => {
    const out: [string, string, string][] = []
    if (repeats[k]) return out
    for (let s = Math.max(1, f.pos - WINDOW + 1); s <= f.pos && s + WINDOW < text.length; s++) {
      if (!allHan(text, s, s + WINDOW)) continue
      out.push([text.slice(s, s + WINDOW), text.slice(s, f.pos) + f.best.replacement + text.slice(f.pos + 1, s + WINDOW), text.slice(s - 1, s + WINDOW + 1)])
    }
    return out
  })
  const all = asked.flat()
  const seen = sightings(text, all.flatMap(([read, fixed]) => [read, fixed]))
  const seenWide = sightings(text, all.map(([, , wide]) => wide))
  return found.filter((_, k) => {
    if (repeats[k]) return false
    for (const [read, fixed, wide] of asked[k]!) if (seen.get(read)! > seenWide.get(wide)! && seen.get(fixed) === 0) return false
    return true
  })
}

function allHan(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isHan(text.charCodeAt(k))) return false
  return true
}

const NONE: PositionFinding[] = []
/** Runs remembered per text at most (a 20 MB page has about 100,000 distinct ones): bounds the memory. */
const MAX_RUNS_KEPT = 1 << 18

function unmasked(skip: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (skip[k]) return false
  return true
}

/** A copy of a finding moved by `by` characters. */
export function shifted(f: PositionFinding, by: number): PositionFinding {
  const move = (c: CharCandidate): CharCandidate => ({ ...c, pos: c.pos + by, wordStart: c.wordStart + by, wordEnd: c.wordEnd + by })
  return { ...f, pos: f.pos + by, best: move(f.best), others: f.others.map(move) }
}

const contexts = new WeakMap<TypoModel, Map<number, Alt | null>>()
/** Positions' candidates remembered per model at most (about 1 KB each). */
const CONTEXTS_KEPT = 1 << 12

/**
 * withContext of a character between two neighbours (-1 at a run's end), remembered: the same
 * three characters recur along a page (a 20 MB page asks 280,000 times for 45,000 of them).
 */
function contextual(model: TypoModel, code: number, left: number, right: number, wide: boolean): Alt | null {
  let cache = contexts.get(model)
  if (!cache) contexts.set(model, (cache = new Map()))
  const key = (wide ? 2 ** 51 : 0) + (left + 1) * 2 ** 34 + code * 2 ** 17 + (right + 1)
  let alt = cache.get(key)
  if (alt !== undefined) return alt
  alt = withContext(model, code, left, right, alternatives(model, code), wide)
  if (cache.size >= CONTEXTS_KEPT) cache.clear()
  cache.set(key, alt)
  return alt
}

/**
 * The channel's candidates plus what the context proposes (contextCandidates.ts), at the shape
 * channel's probability.
 */
function withContext(model: TypoModel, code: number, left: number, right: number, alts: Alt | null, wide: boolean): Alt | null {
  const readRight = alts ? alts.readRight : model.channel.logProb(String.fromCharCode(code), String.fromCharCode(code))
  if (wide) {
    // damaged stretches only (rare): the wide list is long and made once per memo entry
    const ctx = wideContextCandidates(model, code, left, right, alts ? alts.codes : null)
    if (ctx.codes.length === 0) return alts
    return {
      codes: Int32Array.from(alts ? [...alts.codes, ...ctx.codes] : ctx.codes),
      logProbs: Float64Array.from(alts ? [...alts.logProbs, ...ctx.logProbs] : ctx.logProbs),
      readRight
    }
  }
  const m = alts ? alts.codes.length : 0
  const codes = new Int32Array(m + CONTEXT_CANDIDATES)
  const logProbs = new Float64Array(m + CONTEXT_CANDIDATES)
  if (alts) {
    codes.set(alts.codes)
    logProbs.set(alts.logProbs)
  }
  const n = contextCandidatesInto(model, code, left, right, alts ? alts.codes : null, codes, logProbs, m)
  if (n === 0) return alts
  return { codes: codes.subarray(0, m + n), logProbs: logProbs.subarray(0, m + n), readRight }
}

/** Whether some vocabulary word of two or more characters holds position p once it reads `alt`. */
function wordThrough(lm: LanguageModel, text: string, rs: number, re: number, p: number, alt: number): boolean {
  // No closures here: this runs for most candidates, and a bundler may wrap each one.
  let lo = p
  while (lo > rs && p - lo < MAX_WORD - 1 && lm.pair(text.charCodeAt(lo - 1), lo === p ? alt : text.charCodeAt(lo))) lo--
  let hi = p + 1
  while (hi < re && hi - p < MAX_WORD && lm.pair(hi - 1 === p ? alt : text.charCodeAt(hi - 1), text.charCodeAt(hi))) hi++
  for (let s = lo; s <= p; s++) {
    let h1 = 0
    let h2 = 0
    for (let e = s; e < hi && e - s < MAX_WORD; e++) {
      const c = e === p ? alt : text.charCodeAt(e)
      h1 = (Math.imul(h1, M1) + c) | 0
      h2 = (Math.imul(h2, M2) + c) | 0
      if (e >= p && e > s && lm.idHashed(h1, h2, e - s + 1) >= 0) return true
    }
  }
  return false
}

/**
 * Whether `word` (two characters or more) occurs in `haystack` away from offset `except`:
 * once for three characters or more, twice for two (two characters recur by chance across
 * word boundaries: 为争 in 因为争取).
 */
export function attested(haystack: string, word: string, except = -1): boolean {
  let need = word.length === 2 ? 2 : 1
  for (let at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) if (at !== except && --need === 0) return true
  return false
}
