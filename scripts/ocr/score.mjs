// Scores suggestions made on OCR text against the truth beside it.
import { align } from './align.mjs'

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/

/**
 * Errors of one OCR text: aligned operations whose read part is not what was printed and
 * involves a hanzi. Each has the OCR span [start, end) and the printed string `truth`.
 * Characters lost outright (nothing read) have no span: counted apart as `lost`.
 */
export function ocrErrors(truth, ocr) {
  const ops = align(truth, ocr)
  const errors = []
  let lost = 0
  for (const o of ops) {
    if (o.printed === o.read) continue
    if (!HAN.test(o.printed + o.read)) continue
    if (o.read === '') lost++
    else errors.push({ start: o.j, end: o.j + o.read.length, read: ocr.slice(o.j, o.j + o.read.length), truth: o.printed })
  }
  return { ops, errors, lost }
}

/** The printed text behind OCR span [s, e): the printed parts of the ops read inside it. */
function truthOf(ops, s, e) {
  let out = ''
  for (const o of ops) {
    const rs = o.j, re = o.j + o.read.length
    if (o.read === '' ? rs > s && rs < e : rs < e && re > s) {
      if (rs < s || re > e) return null // the op reaches outside the suggestion
      out += o.printed
    }
  }
  return out
}

/**
 * Tallies one record: suggestions (start, end, original, replacement) against the errors.
 * Returns { errors, detected, fixed, suggestions, correctSuggestions, lost, chars, misses, wrong }.
 */
export function scoreRecord(truth, ocr, suggestions) {
  const { ops, errors, lost } = ocrErrors(truth, ocr)
  const overlaps = (s, e) => s.start < e.end && e.start < s.end
  let detected = 0, fixed = 0, correctSuggestions = 0
  const misses = [], wrong = []
  for (const e of errors) {
    const hit = suggestions.filter((s) => overlaps(s, e))
    if (hit.length === 0) {
      misses.push(e)
      continue
    }
    detected++
    if (hit.some((s) => truthOf(ops, s.start, s.end) === s.replacement)) fixed++
    else wrong.push({ ...e, got: hit.map((s) => `${s.original}→${s.replacement}`).join(' ') })
  }
  for (const s of suggestions) if (errors.some((e) => overlaps(s, e))) correctSuggestions++
  return { errors: errors.length, detected, fixed, suggestions: suggestions.length, correctSuggestions, lost, chars: ocr.length, misses, wrong, falseHits: suggestions.filter((s) => !errors.some((e) => overlaps(s, e))) }
}
