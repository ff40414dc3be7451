import { attested, type CharCandidate, findCharSwaps, type PositionFinding } from './detect'
import { dictionarySuggestions, isRejected, isRejectedForWord, maskOccurrences } from './editorRules'
import { loadTypoModel, type TypoModel } from './model'
import { withNeighbours } from './neighbours'
import { countNames, extractNames, findNameVariants } from './names'
import type { DetectOptions, TypoSuggestion } from './types'
import type { ScriptVariants } from './variants'

/**
 * Suspicious characters of a text: look-alike OCR errors (`typo`), rarer spellings of names
 * (`name-variant`) and the editor's learned fixes (`dictionary`). Only suggestions: nothing
 * here changes the text.
 */
export function detectSuspicious(text: string, options: DetectOptions = {}, model: TypoModel = loadTypoModel()): TypoSuggestion[] {
  const protectedMask = new Uint8Array(text.length)
  maskOccurrences(text, options.protectedTerms ?? [], protectedMask)

  const out: TypoSuggestion[] = []
  // Learned fixes first: they take their span away from the guessing below.
  const dict = dictionarySuggestions(text, options.dictionary ?? [], protectedMask)
  out.push(...dict)

  const skip = protectedMask.slice()
  for (const d of dict) skip.fill(1, d.start, d.end)

  // Names: never typos. Their rarer spellings are flagged as name variants instead.
  const occurrences = extractNames(text)
  const local = countNames(occurrences)
  const counts = new Map(options.knownNames ?? [])
  for (const [name, c] of local) counts.set(name, Math.max(c, counts.get(name) ?? 0))
  maskOccurrences(text, counts.keys(), skip)
  // A page in traditional script is judged through its simplified view (variants.ts).
  const view = model.variants?.simplifiedView(text, options.traditional) ?? null
  const judged = view ?? text
  const variants = new Map(findNameVariants(counts, model).map((v) => [v.variant, v]))
  for (const o of occurrences) {
    const v = variants.get(o.name)
    if (!v || protectedMask.subarray(o.start, o.end).some((x) => x !== 0)) continue
    out.push({
      rule: 'name-variant',
      start: o.start,
      end: o.end,
      original: o.name,
      replacement: v.preferred,
      confidence: v.confidence,
      message: `${o.name} differs by one look-alike character from ${v.preferred}, which is more frequent (${counts.get(v.preferred)} vs ${counts.get(o.name)})`
    })
  }

  const rejected = options.rejected ?? []
  for (const found of withNeighbours(judged, skip, findCharSwaps(judged, skip, model), model)) {
    const f = view ? inTraditional(text, found, model.variants!) : found
    if (!f) continue
    // A one-character word is judged with its neighbours (认 alone is no word to remember).
    const lone = f.best.wordEnd - f.best.wordStart < 2
    const word = lone ? { start: Math.max(0, f.pos - 1), end: Math.min(text.length, f.pos + 2) } : { start: f.best.wordStart, end: f.best.wordEnd }
    // The publication's approved pages read this word the same way: it is one of its words.
    if (options.knownText && word.end - word.start >= 2 && attested(options.knownText, text.slice(word.start, word.end))) continue
    const s = toSuggestion(text, judged, f, model)
    if (rejected.length > 0 && isRejectedForWord(text, s, word, rejected)) continue
    out.push(s)
  }

  const kept = rejected.length > 0 ? out.filter((s) => !isRejected(text, s, rejected)) : out
  return kept.sort((x, y) => x.start - y.start || x.end - y.end)
}

/**
 * A finding on the simplified view of a traditional page, its fixes written in traditional
 * form; a fix that only writes the character as read in the other script is none (null when
 * no fix is left).
 */
function inTraditional(text: string, f: PositionFinding, variants: ScriptVariants): PositionFinding | null {
  const read = text.charCodeAt(f.pos)
  const fixes: CharCandidate[] = []
  for (const c of [f.best, ...f.others]) {
    const code = variants.traditional(c.replacement.charCodeAt(0))
    if (code !== read) fixes.push({ ...c, replacement: String.fromCharCode(code) })
  }
  return fixes.length === 0 ? null : { ...f, best: fixes[0]!, others: fixes.slice(1) }
}

/** The suggestion of a finding on `text`, judged on `judged` (the text, or its simplified view). */
function toSuggestion(text: string, judged: string, f: PositionFinding, model: TypoModel): TypoSuggestion {
  const c = f.best
  const read = text[c.pos]!
  const origWord = text.slice(c.wordStart, c.wordEnd)
  const newWord = origWord.slice(0, c.pos - c.wordStart) + c.replacement + origWord.slice(c.pos - c.wordStart + 1)
  // The evidence is the log of the posterior odds of a misread against a right reading.
  const confidence = Math.max(0.05, Math.min(0.99, 1 / (1 + Math.exp(-c.evidence / 2))))
  const s: TypoSuggestion = {
    rule: 'typo',
    start: c.pos,
    end: c.pos + 1,
    original: read,
    replacement: c.replacement,
    confidence: Math.round(confidence * 100) / 100,
    message: typoMessage(origWord, newWord, read, c.replacement, model.lm.id(judged.slice(c.wordStart, c.wordEnd)) >= 0)
  }
  if (f.others.length > 0) s.alternatives = f.others.map((o) => o.replacement)
  return s
}

/**
 * The explanation in the editor's terms. The renderer reads the two words back from it
 * (src/renderer/src/i18n/suggestions.ts) to say the same in the UI's language: keep the form.
 */
export function typoMessage(origWord: string, newWord: string, read: string, printed: string, origIsWord: boolean): string {
  const what = origIsWord ? 'does not fit here' : 'is not a word here'
  return `${origWord} ${what}; ${newWord} is, and OCR often reads ${printed} as ${read}`
}

/** Whether a page is set in traditional script, which the detection of a part of it should know (DetectOptions.traditional). */
export function isTraditionalPage(text: string, model: TypoModel = loadTypoModel()): boolean {
  return model.variants?.isTraditional(text) ?? false
}
