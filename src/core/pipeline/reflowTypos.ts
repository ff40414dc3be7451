import { detectSuspicious, isTraditionalPage, type DetectOptions } from '../typos'
import type { SuggestionInput } from '../model/suggestion'
import { toSuggestionInput } from './propose'

// Typos of a page laid out again (its structure proposed again): carried with its lines, and only
// what the new layout changed read again. No store here: the analysis workers run it
// (learning/reproposal.ts); the writes are in learning/repropose.ts.

/** Characters either side of a place where the text around a line changed whose suggestions are found again. */
const SEAM_ZONE = 6
/** Context read around them (the detector's words and their trigram neighbours). */
const SEAM_CONTEXT = 18
/** Characters a piece of a broken line has at least to be looked for in the text before. */
const MIN_PIECE = 8

/**
 * The detector's suggestions on `text` from those it made on `before`, for a text laid out again
 * (a page proposed again with another structure: paragraphs joined or split, a caption moved out
 * of a paragraph). Typos depend on the text, not on its structure: each line of `before` is found
 * in `text` (as a line or inside a joined one), each line of `text` found in none is looked for
 * inside a line of `before` (a broken line), and their suggestions move with them; only what is new
 * is read again, with some context: text found in no line of `before`, and a few characters
 * either side of a seam, where a found line meets other text than it met before (a word a break
 * cut, or that a join makes).
 */
export function typosAfterReflow(onBefore: readonly SuggestionInput[], before: string, text: string, knowledge: DetectOptions = {}): SuggestionInput[] {
  const plan = planReflow(onBefore, before, text)
  // What is read again is judged in the page's script (plan.text holds only those windows).
  return typosFromReflow(plan, plan.windows.length > 0 ? detectSuspicious(plan.text, { ...knowledge, traditional: isTraditionalPage(text) }).map(toSuggestionInput) : [])
}

/**
 * What typosAfterReflow reads again, so that the reading may be done elsewhere (a worker): the
 * suggestions carried, the zones of `text` read again, and the text the detector reads (the
 * zones with their context, one line a window).
 */
export interface ReflowPlan {
  carried: SuggestionInput[]
  zones: { start: number; end: number }[]
  windows: { from: number; to: number; at: number }[]
  text: string
}

export function planReflow(onBefore: readonly SuggestionInput[], before: string, text: string): ReflowPlan {
  if (before === text) return { carried: [...onBefore], zones: [], windows: [], text: '' }
  // where each line of `before` is in `text`: [beforeStart, afterStart, length]
  const found: { from: number; to: number; shift: number }[] = []
  const taken: { start: number; end: number }[] = []
  const free = (start: number, end: number): boolean => !taken.some((t) => start < t.end && end > t.start)
  let cursor = 0
  for (let at = 0; at <= before.length; ) {
    const nl = before.indexOf('\n', at)
    const end = nl === -1 ? before.length : nl
    const line = before.slice(at, end)
    const lead = line.length - line.trimStart().length
    const content = line.trim()
    if (content.length > 0) {
      let hit = -1
      for (const from of [cursor, 0]) {
        for (let i = text.indexOf(content, from); i !== -1; i = text.indexOf(content, i + 1)) {
          if (free(i, i + content.length)) {
            hit = i
            break
          }
        }
        if (hit !== -1) break
      }
      if (hit !== -1) {
        taken.push({ start: hit, end: hit + content.length })
        found.push({ from: at + lead, to: at + lead + content.length, shift: hit - (at + lead) })
        cursor = hit + content.length
      }
    }
    if (nl === -1) break
    at = nl + 1
  }
  // a line of `text` in none found may be part of a line of `before` (a line the new layout broke)
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf('\n', at)
    const end = nl === -1 ? text.length : nl
    const line = text.slice(at, end)
    const content = line.trim()
    const start = at + line.length - line.trimStart().length
    if (content.length >= MIN_PIECE && free(start, start + content.length)) {
      const from = before.indexOf(content)
      if (from !== -1) {
        taken.push({ start, end: start + content.length })
        found.push({ from, to: from + content.length, shift: start - from })
      }
    }
    if (nl === -1) break
    at = nl + 1
  }
  // what is read again, in `text`: text in no found line (white space aside), and the seams
  const zones: { start: number; end: number }[] = []
  const sorted = [...taken].sort((x, y) => x.start - y.start)
  let last = 0
  for (const t of sorted) {
    if (/\S/.test(text.slice(last, t.start))) zones.push({ start: last, end: t.start })
    last = t.end
  }
  if (/\S/.test(text.slice(last))) zones.push({ start: last, end: text.length })
  for (const f of found) {
    const start = f.from + f.shift
    const end = f.to + f.shift
    const same = (b0: number, b1: number, a0: number, a1: number): boolean => before.slice(Math.max(0, b0), b1) === text.slice(Math.max(0, a0), a1) && b0 >= 0 === a0 >= 0
    if (!same(f.from - SEAM_CONTEXT, f.from, start - SEAM_CONTEXT, start)) zones.push({ start: Math.max(0, start - SEAM_ZONE), end: Math.min(text.length, start + SEAM_ZONE) })
    if (!(before.slice(f.to, f.to + SEAM_CONTEXT) === text.slice(end, end + SEAM_CONTEXT))) zones.push({ start: Math.max(0, end - SEAM_ZONE), end: Math.min(text.length, end + SEAM_ZONE) })
  }
  zones.sort((x, y) => x.start - y.start)
  const merged: { start: number; end: number }[] = []
  for (const z of zones) {
    const prev = merged[merged.length - 1]
    if (prev && z.start <= prev.end) prev.end = Math.max(prev.end, z.end)
    else merged.push({ ...z })
  }
  const inZone = (start: number, end: number): boolean => merged.some((z) => start < z.end && end > z.start)
  const carried: SuggestionInput[] = []
  for (const s of onBefore) {
    const f = found.find((x) => s.start >= x.from && s.end <= x.to)
    if (f && !inZone(s.start + f.shift, s.end + f.shift)) carried.push(f.shift === 0 ? s : { ...s, start: s.start + f.shift, end: s.end + f.shift })
  }
  // the zones read again with their context, in one text (one line a window)
  const windows: { from: number; to: number; at: number }[] = []
  let joined = ''
  for (const z of merged) {
    const from = Math.max(0, z.start - SEAM_CONTEXT)
    const to = Math.min(text.length, z.end + SEAM_CONTEXT)
    const prev = windows[windows.length - 1]
    if (prev && from <= prev.to) {
      joined += text.slice(prev.to, to)
      prev.to = to
      continue
    }
    if (joined.length > 0) joined += '\n'
    windows.push({ from, to, at: joined.length })
    joined += text.slice(from, to)
  }
  return { carried, zones: merged, windows, text: joined }
}

/** The suggestions of a reflowed text: those carried, and those the detector found in the zones (on the plan's text). */
export function typosFromReflow(plan: ReflowPlan, detected: readonly SuggestionInput[]): SuggestionInput[] {
  const { windows, zones } = plan
  const inZone = (start: number, end: number): boolean => zones.some((z) => start < z.end && end > z.start)
  const out = [...plan.carried]
  let w = 0
  for (const s of detected) {
    while (w < windows.length - 1 && s.start >= windows[w + 1]!.at) w++
    const win = windows[w]!
    if (s.end - win.at > win.to - win.from) continue
    const start = s.start - win.at + win.from
    const end = s.end - win.at + win.from
    if (inZone(start, end)) out.push({ ...s, start, end })
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end)
}
