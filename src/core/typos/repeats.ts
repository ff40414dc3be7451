/**
 * Which spans of a text are read the same way elsewhere in it, for many spans in one pass per
 * span length: asking `text.indexOf` span by span scans the whole text for each, quadratic on a
 * long page (a 20 MB page has thousands of findings to check).
 *
 * The answer is `attested(text, text.slice(from, to), from)` of detect.ts for every span: a span
 * of two characters must occur twice more, a longer one once more, anywhere else (overlapping
 * occurrences count, as with indexOf); a span shorter than two is never repeated.
 */
export function repeatedSpans(text: string, spans: readonly { from: number; to: number }[]): boolean[] {
  const out = new Array<boolean>(spans.length).fill(false)
  const byLength = new Map<number, number[]>()
  spans.forEach((s, i) => {
    const len = s.to - s.from
    if (len < 2) return
    let list = byLength.get(len)
    if (!list) byLength.set(len, (list = []))
    list.push(i)
  })
  for (const [len, queries] of byLength) {
    // Up to three places per distinct word: enough to find two besides any one of them.
    const places = new Map<string, number[]>()
    for (const i of queries) places.set(text.slice(spans[i]!.from, spans[i]!.to), [])
    scanWords(text, len, places)
    for (const i of queries) {
      const s = spans[i]!
      const at = places.get(text.slice(s.from, s.to))!
      const others = at.filter((p) => p !== s.from).length
      out[i] = others >= (len === 2 ? 2 : 1)
    }
  }
  return out
}

/** How often each of `words` (all of one length) occurs in `text`, up to 3, in one pass over it. */
export function sightings(text: string, words: readonly string[]): Map<string, number> {
  const places = new Map<string, number[]>()
  for (const w of words) places.set(w, [])
  if (words.length > 0) scanWords(text, words[0]!.length, places)
  return new Map([...places].map(([w, at]) => [w, at.length]))
}

const B = 0x01000193

/** Fills `places` (word → first three offsets) by a rolling hash over every window of `len`. */
function scanWords(text: string, len: number, places: Map<string, number[]>): void {
  if (text.length < len) return
  // The words' hashes in an open-addressing table: most windows miss it at one probe.
  let cap = 16
  while (cap < places.size * 4) cap <<= 1
  const mask = cap - 1
  const keys = new Int32Array(cap)
  const used = new Uint8Array(cap)
  for (const word of places.keys()) {
    const h = hash(word, 0, len)
    let s = (h ^ (h >>> 15)) & mask
    while (used[s] && keys[s] !== h) s = (s + 1) & mask
    keys[s] = h
    used[s] = 1
  }
  // B^(len-1), to take out the character leaving the window.
  let top = 1
  for (let k = 1; k < len; k++) top = Math.imul(top, B)
  let h = hash(text, 0, len)
  for (let at = 0; ; at++) {
    let s = (h ^ (h >>> 15)) & mask
    while (used[s]) {
      if (keys[s] === h) {
        const list = places.get(text.slice(at, at + len))
        if (list && list.length < 3) list.push(at)
        break
      }
      s = (s + 1) & mask
    }
    if (at + len >= text.length) break
    h = (Math.imul(h - Math.imul(text.charCodeAt(at), top), B) + text.charCodeAt(at + len)) | 0
  }
}

function hash(s: string, from: number, len: number): number {
  let h = 0
  for (let k = from; k < from + len; k++) h = (Math.imul(h, B) + s.charCodeAt(k)) | 0
  return h
}
