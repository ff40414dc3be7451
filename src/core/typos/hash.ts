// Two independent 32-bit polynomial hashes of a UTF-16 code sequence, h = Σ c_k·B^(n-1-k)
// (mod 2³²), plus a length term in the second. Together they key the lexicon table, so a
// lookup never builds a substring, and being polynomial they extend one character to the
// left in O(1): the segmenter grows words leftwards from each end position.
export const B1 = 0x01000193
export const B2 = 0x5bd1e995
export const LEN_SALT = 0x27d4eb2d

/** B1^k and B2^k for k < n. */
export function powers(base: number, n: number): Int32Array {
  const out = new Int32Array(n)
  let v = 1
  for (let k = 0; k < n; k++) {
    out[k] = v
    v = Math.imul(v, base)
  }
  return out
}

export function hash1(s: string, from = 0, to = s.length): number {
  let h = 0
  for (let k = from; k < to; k++) h = (Math.imul(h, B1) + s.charCodeAt(k)) | 0
  return h
}

export function hash2(s: string, from = 0, to = s.length): number {
  let h = 0
  for (let k = from; k < to; k++) h = (Math.imul(h, B2) + s.charCodeAt(k)) | 0
  return (h + Math.imul(to - from, LEN_SALT)) | 0
}
