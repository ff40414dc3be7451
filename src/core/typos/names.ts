import { isHan } from './han'
import { loadTypoModel, type TypoModel } from './model'
import type { NameOccurrence, NameVariant } from './types'

// Byline roles that precede names: 记者, 本报记者, 特约记者, 见习记者, 通讯员, 实习生, 摄影, in
// either script (a Hong Kong or Taiwan paper prints 記者, 通訊員).
const ROLE_WORD = String.raw`(?:本报|本報|特约|特約|见习|見習|实习|實習|首席)?(?:记者|記者)|通讯员|通訊員|实习生|實習生|摄影记者|攝影記者`
const ROLE = new RegExp(ROLE_WORD, 'gu')
const ROLE_AT_START = new RegExp(`^(?:${ROLE_WORD})`, 'u')
// A role opens a byline only at a line start, after white space, an opening bracket or 讯.
const OPENERS = new Set([' ', '\t', '\u3000', '\u00a0', '(', '（', '[', '【', '讯', '訊', '、', '\n', '\r', '/'])
const SEPARATORS = /[ \t\u3000\u00a0、，,]/u
// A slash ends the names too: `記者林志豪／台中報導` (a Taiwan paper's byline and dateline).
const CLOSERS = new Set([')', '）', ']', '】', '\n', '\r', '/', '／'])
/** 摄 (photographed by) in either script. */
const SHOT = /[摄攝]/u

function isNameToken(s: string): boolean {
  if (s.length < 2 || s.length > 4) return false
  for (let k = 0; k < s.length; k++) if (!isHan(s.charCodeAt(k))) return false
  return true
}

/**
 * Person names from bylines: `本报讯（记者 王小明 李华）`, `本报记者 王小明`, `通讯员 张华`,
 * `… 王小明 摄`. A byline's names must run to the end of the line, a closing bracket or
 * 摄, so prose such as `记者了解到，…` yields nothing.
 */
export function extractNames(text: string): NameOccurrence[] {
  const out: NameOccurrence[] = []
  const seen = new Set<number>()
  const push = (name: string, start: number): void => {
    if (seen.has(start)) return
    seen.add(start)
    out.push({ name, start, end: start + name.length })
  }

  for (const m of text.matchAll(ROLE)) {
    const at = m.index
    if (at > 0 && !OPENERS.has(text[at - 1]!)) continue
    const names = readNameList(text, at + m[0].length)
    if (names) for (const n of names) push(n.name, n.start)
  }

  // Photo credits without a role: `王小明 摄`, `（王小明 摄）`, `王小明摄` at a line end.
  for (const m of text.matchAll(/[摄攝](?=[ \t\u3000\u00a0]*(?:[)）\]】]|\r?\n|$))/gu)) {
    let e = m.index
    while (e > 0 && /[ \t\u3000\u00a0]/u.test(text[e - 1]!)) e--
    // Walk back over a list of names separated by spaces or 、.
    const found: NameOccurrence[] = []
    let ok = true
    let p = e
    while (p > 0 && ok) {
      let s = p
      while (s > 0 && isHan(text.charCodeAt(s - 1))) s--
      const token = text.slice(s, p)
      if (!isNameToken(token) || token.includes('记者') || token.includes('記者') || token.endsWith('拍')) {
        ok = found.length > 0
        break
      }
      found.unshift({ name: token, start: s, end: p })
      if (s === 0) break
      const before = text[s - 1]!
      if (OPENERS.has(before) && !SEPARATORS.test(before)) break
      if (!SEPARATORS.test(before)) {
        ok = false
        break
      }
      p = s - 1
      while (p > 0 && SEPARATORS.test(text[p - 1]!)) p--
      if (p > 0 && !isHan(text.charCodeAt(p - 1))) break
    }
    if (ok) for (const n of found) push(n.name, n.start)
  }
  return out.sort((x, y) => x.start - y.start)
}

function readNameList(text: string, from: number): NameOccurrence[] | null {
  const names: NameOccurrence[] = []
  let p = from
  const limit = Math.min(text.length, from + 40)
  while (p < limit) {
    while (p < limit && SEPARATORS.test(text[p]!)) p++
    if (p >= text.length || CLOSERS.has(text[p]!)) return names
    let e = p
    while (e < text.length && isHan(text.charCodeAt(e))) e++
    if (e === p) return null
    let token = text.slice(p, e)
    let start = p
    // A further role inside the list (`记者 王小明 通讯员 张华`), or glued to a name.
    const role = ROLE_AT_START.exec(token)
    if (role) {
      token = token.slice(role[0].length)
      start += role[0].length
      if (token.length === 0) {
        p = e
        continue
      }
    }
    if (SHOT.test(token) && token.length === 1) return names
    if (/^(?:报道|報道|報導|报导)$/u.test(token)) return names
    if (SHOT.test(token.slice(-1)) && isNameToken(token.slice(0, -1))) {
      names.push({ name: token.slice(0, -1), start, end: e - 1 })
      return names
    }
    if (!isNameToken(token)) return null
    names.push({ name: token, start, end: e })
    p = e
    if (p < text.length && !SEPARATORS.test(text[p]!) && !CLOSERS.has(text[p]!)) return null
  }
  return names.length > 0 && (p >= text.length || CLOSERS.has(text[p] ?? '\n')) ? names : null
}

/** Counts of each name over a list of occurrences. */
export function countNames(occurrences: Iterable<NameOccurrence>, into = new Map<string, number>()): Map<string, number> {
  for (const o of occurrences) into.set(o.name, (into.get(o.name) ?? 0) + 1)
  return into
}

/**
 * Spellings that differ from a more frequent name by one look-alike character (赵丽 / 越丽):
 * the rarer one is the suspect. Never meant to be applied without the editor.
 */
export function findNameVariants(names: Map<string, number>, model: TypoModel = loadTypoModel()): NameVariant[] {
  const la = model.lookalikes
  const best = new Map<string, NameVariant>()
  // Walk the look-alikes of every name's characters: a pair is found from whichever side
  // lists the other (the set keeps only each character's closest shapes).
  for (const [name, count] of names) {
    for (let k = 0; k < name.length; k++) {
      const code = name.charCodeAt(k)
      for (let q = la.start[code]!; q < la.start[code + 1]!; q++) {
        const other = name.slice(0, k) + String.fromCharCode(la.codes[q]!) + name.slice(k + 1)
        const otherCount = names.get(other)
        if (otherCount === undefined || otherCount === count) continue
        const [variant, preferred, vc, pc] = count < otherCount ? [name, other, count, otherCount] : [other, name, otherCount, count]
        // More evidence for the other spelling and a closer shape make the case stronger.
        const confidence = round2(Math.min(0.95, (pc / (pc + vc)) * (0.55 + 0.45 * la.scores[q]!)))
        const cur = best.get(variant)
        if (!cur || confidence > cur.confidence) best.set(variant, { variant, preferred, confidence })
      }
    }
  }
  return [...best.values()].sort((x, y) => y.confidence - x.confidence || x.variant.localeCompare(y.variant))
}

function round2(x: number): number {
  return Math.round(x * 100) / 100
}

/**
 * How the store's evidence judges some names (a page's): the variants among them, each with the
 * spelling preferred. The whole store's judgement is made once per counts map (a pair is found
 * from whichever side's look-alikes list the other) and kept while that map is in use.
 */
export function judgeNames(names: Iterable<string>, counts: ReadonlyMap<string, number>, model: TypoModel = loadTypoModel()): NameVariant[] {
  let all = judged.get(counts)
  if (!all) {
    all = new Map(findNameVariants(new Map(counts), model).map((v) => [v.variant, v]))
    judged.set(counts, all)
  }
  return [...new Set(names)].flatMap((n) => all.get(n) ?? [])
}

const judged = new WeakMap<ReadonlyMap<string, number>, Map<string, NameVariant>>()
