// Extraction damage: punctuation width, column breaks, odd white space, duplicated text and
// look-alike characters. Every change is recorded so a benchmark can score a repair.
import type { Rng } from './prng'
import type { Block } from './blocks'
import { LOOKALIKE } from './lookalikes'

export interface PageStyle {
  halfWidth: boolean
  /** Characters per printed column; 0 for a page extracted without column breaks. */
  column: number
  /** Leading indentation of paragraphs, '' for none. */
  indent: string
  /** Chance that a line ends with spaces. */
  trailing: number
  /** Stray spaces per character of body text. */
  stray: number
  /** Runs of no-break spaces between phrases. */
  nbsp: boolean
  leadingBlank: string
  finalNewline: boolean
}

export interface Typo {
  offset: number
  wrong: string
  right: string
}

/** A column break to undo: text.slice(from, to) is the white space that split one paragraph. */
export interface ColumnBreak {
  from: number
  to: number
}

export interface NameVariant {
  offset: number
  printed: string
  canonical: string
}

export interface Assembled {
  text: string
  clean: string
  typos: Typo[]
  columnBreaks: ColumnBreak[]
  strays: number[]
  indented: number
  trailing: number
  nbspRuns: number
  duplicate: { offset: number; length: number; sourceOffset: number } | null
  nameVariants: NameVariant[]
}

const HALF: Record<string, string> = { '，': ',', '（': '(', '）': ')', '：': ':', '；': ';', '？': '?', '！': '!' }
const HALF_RE = /[，（）：；？！]/g

/** Half-width punctuation where Chinese typesetting wants full width; a few marks escape. */
export function toHalfWidth(rng: Rng, text: string): string {
  return text.replace(HALF_RE, (c) => (rng.chance(0.97) ? (HALF[c] ?? c) : c))
}

const isHan = (c: string | undefined): boolean => c !== undefined && c >= '\u4e00' && c <= '\u9fff'
const NO_LINE_START = /[，。、；：？！”）》…,.;:?!)]/
const NO_LINE_END = /[“（《(]/
const ASCII_WORD = /[0-9A-Za-z.@:,\-/]/

function splitOk(text: string, at: number, protect: number): boolean {
  if (at <= protect + 1 || at >= text.length - 1) return false
  const before = text[at - 1] as string
  const after = text[at] as string
  if (NO_LINE_START.test(after) || NO_LINE_END.test(before)) return false
  return !(ASCII_WORD.test(before) && ASCII_WORD.test(after))
}

/** Splits body paragraphs where a printed column ends, as an extraction does. */
export function columnBreaks(blocks: Block[], column: number): Block[] {
  if (column <= 0) return blocks
  const out: Block[] = []
  let used = 0
  for (const b of blocks) {
    // Headings and furniture sit across columns here; only running text fills them.
    if (b.kind !== 'body' || b.duplicateOf) {
      out.push(b)
      used = Math.min(column - 1, used + Math.ceil(b.text.length / 2))
      continue
    }
    const text = b.text
    const cuts: number[] = []
    let at = column - used
    while (at < text.length) {
      let c = at
      while (c < Math.min(text.length, at + 6) && !splitOk(text, c, b.protect ?? 0)) c++
      if (c < text.length && splitOk(text, c, b.protect ?? 0)) cuts.push(c)
      at += column
    }
    used = (used + text.length) % column
    if (cuts.length === 0) {
      out.push(b)
      continue
    }
    let prev = 0
    cuts.forEach((c, i) => {
      const part = text.slice(prev, c)
      // The first part keeps the block's identity so a duplicate can still point at it.
      if (i === 0) {
        b.text = part
        out.push(b)
      } else out.push({ kind: 'body', text: part, article: b.article, continuation: true })
      prev = c
    })
    out.push({ kind: 'body', text: text.slice(prev), article: b.article, continuation: true })
  }
  return out
}

/** Inserts stray spaces between two Han characters; returns the text and their positions. */
function straySpaces(rng: Rng, text: string, rate: number, protect: number): { text: string; at: number[] } {
  if (rate <= 0 || text.length - protect < 6) return { text, at: [] }
  let n = 0
  const expected = text.length * rate
  n = Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0)
  if (n === 0) return { text, at: [] }
  const picks = new Set<number>()
  for (let tries = 0; tries < n * 8 && picks.size < n; tries++) {
    const p = rng.int(protect + 1, text.length - 1)
    if (isHan(text[p - 1]) && isHan(text[p]) && !picks.has(p - 1) && !picks.has(p + 1)) picks.add(p)
  }
  const sorted = [...picks].sort((a, b) => a - b)
  let out = ''
  let prev = 0
  const at: number[] = []
  sorted.forEach((p, k) => {
    out += text.slice(prev, p) + (rng.chance(0.85) ? ' ' : '\u00a0')
    at.push(p + k)
    prev = p
  })
  return { text: out + text.slice(prev), at }
}

function trailingSpace(rng: Rng): string {
  return rng.pick([' ', ' ', '  ', '   ', '\u3000', ' \u00a0'])
}

/** Joins blocks into the page text, applying white-space damage and then look-alike typos. */
export function assemble(rng: Rng, blocks: Block[], cleanBlocks: string[], style: PageStyle): Assembled {
  let text = style.leadingBlank
  const result: Assembled = {
    text: '',
    clean: cleanBlocks.join('\n\n') + '\n',
    typos: [],
    columnBreaks: [],
    strays: [],
    indented: 0,
    trailing: 0,
    nbspRuns: 0,
    duplicate: null,
    nameVariants: []
  }
  const typoRanges: [number, number][] = []
  const coreStart = new Map<Block, number>()
  let prevEnd = 0
  blocks.forEach((b, i) => {
    if (i > 0) {
      const prev = blocks[i - 1] as Block
      text += !b.continuation && b.article !== prev.article && rng.chance(0.3) ? '\n\n\n\n' : '\n\n'
    }
    let core = b.text
    let strays: number[] = []
    if (b.kind === 'body' && !b.duplicateOf) {
      if (style.nbsp && rng.chance(0.2)) {
        const p = core.search(/[，,](?=[\u4e00-\u9fff])/)
        if (p > (b.protect ?? 0)) {
          core = `${core.slice(0, p + 1)}\u00a0\u00a0${core.slice(p + 1)}`
          result.nbspRuns++
        }
      }
      const s = straySpaces(rng, core, style.stray, b.protect ?? 0)
      core = s.text
      strays = s.at
    }
    if (b.kind === 'body' && !b.continuation && style.indent !== '' && rng.chance(0.9)) {
      text += style.indent
      result.indented++
    }
    const start = text.length
    coreStart.set(b, start)
    if (b.continuation) result.columnBreaks.push({ from: prevEnd, to: start })
    for (const p of strays) result.strays.push(start + p)
    if (b.names) {
      let from = 0
      for (const n of b.names) {
        const at = core.indexOf(n.printed, from)
        if (at < 0) continue
        from = at + n.printed.length
        if (n.printed !== n.canonical) result.nameVariants.push({ offset: start + at, ...n })
      }
    }
    if ((b.kind === 'body' || b.kind === 'caption') && !b.duplicateOf) {
      typoRanges.push([start + (b.protect ?? 0), start + core.length])
    }
    if (b.duplicateOf) {
      result.duplicate = { offset: start, length: core.length, sourceOffset: coreStart.get(b.duplicateOf) ?? -1 }
    }
    if (style.trailing > 0 && core.includes('\n')) {
      core = core
        .split('\n')
        .map((line) => {
          if (!rng.chance(style.trailing)) return line
          result.trailing++
          return line + trailingSpace(rng)
        })
        .join('\n')
      text += core
      prevEnd = text.length
    } else {
      text += core
      prevEnd = text.length
      if (rng.chance(style.trailing)) {
        text += trailingSpace(rng)
        result.trailing++
      }
    }
  })
  if (style.finalNewline) text += '\n'
  result.typos = injectTypos(rng, text, typoRanges)
  result.text = applyTypos(text, result.typos)
  return result
}

/** About one look-alike misreading per 500 characters of the page, inside prose. */
function injectTypos(rng: Rng, text: string, ranges: [number, number][]): Typo[] {
  const expected = text.length / 500
  const n = Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0)
  const total = ranges.reduce((s, [a, b]) => s + (b - a), 0)
  if (n === 0 || total === 0) return []
  const weights = ranges.map(([a, b]) => b - a)
  const taken = new Set<number>()
  const typos: Typo[] = []
  for (let tries = 0; tries < n * 40 && typos.length < n; tries++) {
    const [a, b] = ranges[rng.weighted(weights)] as [number, number]
    const p = rng.int(a, b - 1)
    const right = text[p] as string
    const wrongs = LOOKALIKE.get(right)
    if (!wrongs || taken.has(p) || taken.has(p - 1) || taken.has(p + 1)) continue
    taken.add(p)
    typos.push({ offset: p, right, wrong: rng.pick(wrongs) })
  }
  return typos.sort((x, y) => x.offset - y.offset)
}

function applyTypos(text: string, typos: Typo[]): string {
  let out = ''
  let prev = 0
  for (const t of typos) {
    out += text.slice(prev, t.offset) + t.wrong
    prev = t.offset + 1
  }
  return out + text.slice(prev)
}
