// Running text for the OCR runs, generated (no third-party text): words of Galley's own lexicon
// (resources/typos/lexicon.txt.br, from jieba's MIT dictionary) strung into lines so that every
// GB 2312 hanzi occurs in each pass inside real words, next to real neighbours.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { gb2312Hanzi } from '../lookalikes/charset.mjs'

/** Small deterministic PRNG (mulberry32), so a pass can be remade from its number. */
export function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function loadWords(root) {
  const text = brotliDecompressSync(readFileSync(join(root, 'resources', 'typos', 'lexicon.txt.br'))).toString('utf8')
  const words = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const [f, list] = line.split('\t')
    const freq = Number(f)
    for (const w of list.split(' ')) if (w.length >= 1 && w.length <= 4) words.push({ w, freq })
  }
  return words
}

/** For each GB 2312 hanzi, words holding it (up to 40, most frequent first). */
export function indexWords(words) {
  const chars = gb2312Hanzi()
  const gb = new Set(chars)
  const byChar = new Map(chars.map((c) => [c, []]))
  const sorted = [...words].sort((a, b) => b.freq - a.freq)
  for (const x of sorted) {
    if (![...x.w].every((c) => gb.has(c))) continue
    for (const c of new Set(x.w)) {
      const list = byChar.get(c)
      if (list.length < 40) list.push(x)
    }
  }
  // Frequent words, single characters (的, 是, 在) included: the bulk of running text.
  const common = sorted.filter((x) => [...x.w].every((c) => gb.has(c))).slice(0, 20000)
  return { chars, byChar, common }
}

/**
 * Lines for one pass: every GB 2312 hanzi once in a word (words of 2+ characters preferred,
 * chosen by √frequency), plus `commonShare` as many characters again in frequent words,
 * shuffled, with a comma or full stop now and then, cut into lines of 16–26 characters.
 */
export function passLines(index, seed, { commonShare = 0.3 } = {}) {
  const rand = rng(seed)
  const pick = (list) => {
    let total = 0
    for (const x of list) total += Math.sqrt(x.freq + 1) * (x.w.length >= 2 ? 4 : 1)
    let r = rand() * total
    for (const x of list) if ((r -= Math.sqrt(x.freq + 1) * (x.w.length >= 2 ? 4 : 1)) <= 0) return x.w
    return list[list.length - 1].w
  }
  const out = []
  let size = 0
  for (const c of index.chars) {
    const list = index.byChar.get(c)
    const w = list.length > 0 ? pick(list) : c
    out.push(w)
    size += w.length
  }
  const extra = size * commonShare
  for (let s = 0; s < extra; ) {
    const w = index.common[Math.floor(rand() ** 2 * index.common.length)].w
    out.push(w)
    s += w.length
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  const lines = []
  let line = ''
  let target = 16 + Math.floor(rand() * 11)
  for (const w of out) {
    line += w
    const r = rand()
    if (r < 0.06) line += '，'
    else if (r < 0.08) line += '。'
    if (line.length >= target) {
      lines.push(line)
      line = ''
      target = 16 + Math.floor(rand() * 11)
    }
  }
  if (line) lines.push(line)
  return lines
}

/** Frequency per million of each character in running text, from the lexicon's word frequencies. */
export function charFrequencies(words) {
  const f = new Map()
  let total = 0
  for (const { w, freq } of words)
    for (const c of w) {
      f.set(c, (f.get(c) ?? 0) + freq)
      total += freq
    }
  for (const [c, v] of f) f.set(c, (v * 1e6) / total)
  return f
}
