import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { Lookalikes, parseLookalikes } from './lookalikes'
import { findResourcesDir, LOOKALIKES_FILE } from './model'

/**
 * The OCR channel: how likely an engine is to read what was printed as something else.
 *
 * Learnt by scripts/ocr/build-confusions.mjs from real engines (Tesseract chi_sim and the
 * PP-OCR recogniser) reading rendered, degraded Chinese text; pairs the engines never showed
 * fall back to the glyph similarity of resources/typos/lookalikes.tsv, so a look-alike the
 * data missed is unlikely but never impossible.
 *
 * `read` and `printed` are strings of one or two characters: a substitution (one for one),
 * a split (one printed character read as two: 明 → 日月) or a merge (two read as one).
 */
export interface ConfusionModel {
  /**
   * Natural log of P(read | printed), smoothed. `logProb(x, x)` is the log probability that
   * x is read correctly (close to 0). Pairs with no evidence at all get FLOOR_LOG_PROB.
   */
  logProb(read: string, printed: string): number
  /**
   * What may have been printed where `read` was read (one or two characters), never `read`
   * itself: at most `limit` entries (default 20), most likely first by P(read | printed) times
   * the printed text's frequency in running text (a rare character that engines often misread
   * is still rarely what was printed). `logProb` is the channel alone, log P(read | printed).
   */
  candidates(read: string, limit?: number): ConfusionCandidate[]
  /**
   * How many times the engines read `printed` as `read` in the learnt data (soft counts; 0 for
   * pairs they never showed), for explanations such as "OCR often reads 未 as 末".
   */
  observed(read: string, printed: string): number
  /** Whether the model has data learnt from OCR engines (false: glyph similarity only). */
  readonly learnt: boolean
  /** Counts behind the model, for reports. */
  readonly stats: ConfusionStats
}

export interface ConfusionCandidate {
  printed: string
  logProb: number
}

export interface ConfusionStats {
  /** Printed characters (or pairs) with observations. */
  printed: number
  /** Distinct (printed, read) pairs with read ≠ printed. */
  pairs: number
  /** Observations behind the table (characters printed and aligned). */
  observations: number
}

export const CONFUSIONS_FILE = 'confusions.tsv.br'

/**
 * How the counts and the glyph prior combine. The defaults were fitted on the OCR dev set
 * (test/fixtures/ocr-dev/dev.jsonl) by scripts/ocr/fit-channel.mjs, maximising the likelihood of
 * what the engines read given what was printed; the held-out set was not used.
 */
export interface ChannelParams {
  /** Weight (in observations) of the glyph-similarity prior against the counts. */
  priorWeight: number
  /** Prior probability that a character is misread as one of its look-alikes, when no data says otherwise. */
  priorError: number
  /** Sharpness of the shape-similarity weighting of look-alikes within the prior. */
  simPower: number
  /**
   * Error rates of the learning scans times this: those were degraded until 3–12 % of characters
   * came out wrong; archive pages are cleaner.
   */
  errorScale: number
  /**
   * Probability that a character is misread as something with neither data nor shape behind it
   * (a blot, a garbled stretch), spread evenly over the GB 2312 hanzi: the floor of every pair.
   */
  unrelated: number
}

/** Characters an unrelated misreading is spread over (GB 2312 hanzi). */
const SPREAD = 6763

/**
 * Fitted on the table of 43 passes (scripts/ocr/fit-channel.mjs; before: 2.5, 0.3, 8, 0.25,
 * 0.015 on 14): the engines' counts now hold for more pairs, and the dev set's misreadings are
 * likelier than the learning scans' rates scaled by a quarter. On the shipped table of 116 passes
 * the fit moves to 6, 0.3, 8, 0.5, 0.01 for a dev mean log-likelihood of −0.2261 against −0.2266
 * with these; those raised rmrb's false alarms (63 at the same bar) and were not kept (detect.ts,
 * MIN_EVIDENCE_LEARNT).
 */
export const DEFAULT_PARAMS: ChannelParams = { priorWeight: 4, priorError: 0.2, simPower: 8, errorScale: 0.4, unrelated: 0.01 }

/** log P for a pair with neither data nor shape similarity behind it (default parameters). */
export const FLOOR_LOG_PROB = Math.log(DEFAULT_PARAMS.unrelated / SPREAD)
/** Prior for a split or merge with no data (rarer than substitutions). */
const PRIOR_SPLIT = 2e-4
/** Frequency per million assumed for a character the table has none for. */
const MIN_FREQ = 0.05
const DEFAULT_LIMIT = 20

export interface ConfusionRow {
  /** Observations of this printed string. */
  n: number
  /** Frequency per million of the printed character in running text (0: unknown). */
  freq: number
  /** Counts of what it was read as (read ≠ printed); correct reads are n − Σ errors. */
  reads: Map<string, number>
}

/**
 * Parses confusions.tsv (decompressed). Lines: `printed<TAB>n<TAB>freq<TAB>read count<TAB>…`,
 * `#` comments. Counts may be fractional (the PP-OCR recogniser contributes soft counts).
 */
export function parseConfusions(text: string): Map<string, ConfusionRow> {
  const rows = new Map<string, ConfusionRow>()
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const f = line.split('\t')
    const printed = f[0]!
    const n = Number(f[1])
    const freq = Number(f[2])
    if (!printed || !(n > 0) || !(freq >= 0)) throw new Error(`confusions: bad line "${line.slice(0, 40)}"`)
    const reads = new Map<string, number>()
    for (let k = 3; k < f.length; k++) {
      const sp = f[k]!.lastIndexOf(' ')
      const c = Number(f[k]!.slice(sp + 1))
      if (sp < 1 || !(c > 0)) throw new Error(`confusions: bad entry "${f[k]}" for ${printed}`)
      reads.set(f[k]!.slice(0, sp), c)
    }
    rows.set(printed, { n, freq, reads })
  }
  return rows
}

export class Channel implements ConfusionModel {
  readonly learnt: boolean
  readonly stats: ConfusionStats
  private readonly rows: Map<string, ConfusionRow>
  /** read → printed strings that were read as it (from the data). */
  private readonly byRead = new Map<string, string[]>()
  private readonly la: Lookalikes
  /** Per printed code: Σ sim^SIM_POWER over its look-alikes (normaliser of the prior). */
  private readonly simMass = new Map<number, number>()
  /** Reverse look-alike relation (the table is not fully symmetric). */
  private readonly laReverse = new Map<number, number[]>()
  /** candidates() per read string, computed on first use (the detector asks per character). */
  private readonly memo = new Map<string, ConfusionCandidate[]>()

  private readonly params: ChannelParams
  private readonly floorLog: number

  constructor(rows: Map<string, ConfusionRow>, lookalikes: Lookalikes, params: Partial<ChannelParams> = {}) {
    this.params = { ...DEFAULT_PARAMS, ...params }
    this.floorLog = Math.log(this.params.unrelated / SPREAD)
    this.rows = rows
    this.la = lookalikes
    this.learnt = rows.size > 0
    let pairs = 0
    let observations = 0
    for (const [printed, row] of rows) {
      if (printed.length === 1) observations += row.n
      for (const read of row.reads.keys()) {
        pairs++
        let list = this.byRead.get(read)
        if (!list) this.byRead.set(read, (list = []))
        list.push(printed)
      }
    }
    this.stats = { printed: rows.size, pairs, observations: Math.round(observations) }
    const { start, codes } = lookalikes
    for (let c = 0; c < 0x10000; c++)
      for (let k = start[c]!; k < start[c + 1]!; k++) {
        const d = codes[k]!
        let list = this.laReverse.get(d)
        if (!list) this.laReverse.set(d, (list = []))
        list.push(c)
      }
  }

  /** Glyph-similarity prior P0(read | printed). */
  private prior(read: string, printed: string): number {
    const { priorError, simPower } = this.params
    if (read.length !== 1 || printed.length !== 1) return PRIOR_SPLIT * 0.01
    if (read === printed) return 1 - priorError
    const sim = Math.max(this.la.similarity(printed, read), this.la.similarity(read, printed))
    if (sim <= 0) return 0
    const p = printed.charCodeAt(0)
    let mass = this.simMass.get(p)
    if (mass === undefined) {
      mass = 0
      for (let k = this.la.start[p]!; k < this.la.start[p + 1]!; k++) mass += this.la.scores[k]! ** simPower
      for (const q of this.laReverse.get(p) ?? []) if (this.la.similarity(printed, String.fromCharCode(q)) === 0) mass += this.la.similarity(String.fromCharCode(q), printed) ** simPower
      this.simMass.set(p, mass)
    }
    return mass > 0 ? (priorError * sim ** simPower) / mass : 0
  }

  logProb(read: string, printed: string): number {
    const { priorWeight, errorScale, unrelated } = this.params
    if (read === printed) return Math.log(Math.max(0.5, 1 - unrelated - errorScale * (1 - this.channel(read, printed))))
    return Math.max(this.floorLog, Math.log(errorScale * this.channel(read, printed, priorWeight)))
  }

  /** P(read | printed) as learnt (counts smoothed by the prior), before scaling. */
  private channel(read: string, printed: string, priorWeight = this.params.priorWeight): number {
    const prior = this.prior(read, printed)
    const row = this.rows.get(printed)
    if (row) {
      let count: number
      if (read === printed) {
        let errors = 0
        for (const c of row.reads.values()) errors += c
        count = Math.max(0, row.n - errors)
      } else count = row.reads.get(read) ?? 0
      return (count + priorWeight * prior) / (row.n + priorWeight)
    }
    // A pair never merged in the data is as unlikely as an unseen split.
    if (printed.length === 2 && read.length === 1) return PRIOR_SPLIT * 0.01
    return prior
  }

  observed(read: string, printed: string): number {
    if (read === printed) return 0
    return this.rows.get(printed)?.reads.get(read) ?? 0
  }

  private logFreq(printed: string): number {
    const f = (s: string): number => Math.max(MIN_FREQ, this.rows.get(s)?.freq ?? 0)
    return Math.log(printed.length === 1 ? f(printed) : (f(printed[0]!) * f(printed[1]!)) / 1e6)
  }

  candidates(read: string, limit = DEFAULT_LIMIT): ConfusionCandidate[] {
    let list = this.memo.get(read)
    if (!list) {
      list = this.rank(read)
      this.memo.set(read, list)
    }
    return list.length > limit ? list.slice(0, limit) : list
  }

  private rank(read: string): ConfusionCandidate[] {
    const seen = new Set<string>([read])
    const out: (ConfusionCandidate & { key: number })[] = []
    const { errorScale } = this.params
    // Every printed string added has evidence (engine counts or shape similarity); the key ranks
    // by the unfloored channel so the floor does not flatten the order of unlikely ones.
    const add = (printed: string): void => {
      if (seen.has(printed)) return
      seen.add(printed)
      const raw = errorScale * this.channel(read, printed)
      if (raw > 0) out.push({ printed, logProb: this.logProb(read, printed), key: Math.log(raw) + this.logFreq(printed) })
    }
    for (const p of this.byRead.get(read) ?? []) add(p)
    if (read.length === 1) {
      const c = read.charCodeAt(0)
      for (let k = this.la.start[c]!; k < this.la.start[c + 1]!; k++) add(String.fromCharCode(this.la.codes[k]!))
      for (const q of this.laReverse.get(c) ?? []) add(String.fromCharCode(q))
    }
    out.sort((a, b) => b.key - a.key || (a.printed < b.printed ? -1 : 1))
    return out.slice(0, 50).map(({ printed, logProb }) => ({ printed, logProb }))
  }
}

/** A model from already-parsed parts (tests, tools). Empty rows: glyph similarity only. */
export function buildConfusionModel(rows: Map<string, ConfusionRow>, lookalikes: Lookalikes, params?: Partial<ChannelParams>): ConfusionModel {
  return new Channel(rows, lookalikes, params)
}

/**
 * Reads resources/typos/confusions.tsv.br (and lookalikes.tsv for the fallback). Without the
 * learnt file the model is the glyph-similarity prior alone (`learnt` false).
 */
export function buildConfusions(options: { resourcesDir?: string; lookalikes?: Lookalikes } = {}): ConfusionModel {
  const dir = findResourcesDir(options.resourcesDir)
  const lookalikes = options.lookalikes ?? parseLookalikes(readFileSync(join(dir, LOOKALIKES_FILE), 'utf8'))
  const file = join(dir, CONFUSIONS_FILE)
  const rows = existsSync(file) ? parseConfusions(brotliDecompressSync(readFileSync(file)).toString('utf8')) : new Map<string, ConfusionRow>()
  return new Channel(rows, lookalikes)
}

let singleton: ConfusionModel | undefined

/** The process-wide confusion model, loaded on first use. */
export function loadConfusions(options?: { resourcesDir?: string; lookalikes?: Lookalikes }): ConfusionModel {
  singleton ??= buildConfusions(options)
  return singleton
}
