// Edit-distance alignment of printed against read text, with two extra operations: one printed
// character read as two (明 → 日月) and two read as one (口口 → 回).
const SUB = 1, INDEL = 1, SPLIT = 1.4, MERGE = 1.4

/** Full-width and half-width forms of the same punctuation count as equal. */
const SAME = new Map([[',', '，'], ['.', '。'], [':', '：'], [';', '；'], ['!', '！'], ['?', '？'], ['(', '（'], [')', '）']])
const norm = (c) => SAME.get(c) ?? c

/**
 * Returns ops: { printed, read } with printed/read strings of 0–2 characters (matches have
 * printed === read after normalisation), plus `i` (index into printed) for each.
 */
export function align(printed, read) {
  const P = [...printed], R = [...read].map(norm)
  const n = P.length, m = R.length
  const W = m + 1
  const cost = new Float64Array((n + 1) * W)
  const back = new Uint8Array((n + 1) * W)
  for (let i = 0; i <= n; i++)
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue
      let best = Infinity, op = 0
      const at = i * W + j
      if (i > 0 && j > 0) {
        const c = cost[at - W - 1] + (P[i - 1] === R[j - 1] ? 0 : SUB)
        if (c < best) { best = c; op = 1 }
      }
      if (i > 0) { const c = cost[at - W] + INDEL; if (c < best) { best = c; op = 2 } } // printed lost
      if (j > 0) { const c = cost[at - 1] + INDEL; if (c < best) { best = c; op = 3 } } // read extra
      if (i > 0 && j > 1) { const c = cost[at - W - 2] + SPLIT; if (c < best) { best = c; op = 4 } }
      if (i > 1 && j > 0) { const c = cost[at - 2 * W - 1] + MERGE; if (c < best) { best = c; op = 5 } }
      cost[at] = best
      back[at] = op
    }
  const ops = []
  let i = n, j = m
  while (i > 0 || j > 0) {
    const op = back[i * W + j]
    if (op === 1) { ops.push({ i: i - 1, printed: P[i - 1], read: R[j - 1], j: j - 1 }); i--; j-- }
    else if (op === 2) { ops.push({ i: i - 1, printed: P[i - 1], read: '', j }); i-- }
    else if (op === 3) { ops.push({ i, printed: '', read: R[j - 1], j: j - 1 }); j-- }
    else if (op === 4) { ops.push({ i: i - 1, printed: P[i - 1], read: R[j - 2] + R[j - 1], j: j - 2 }); i--; j -= 2 }
    else { ops.push({ i: i - 2, printed: P[i - 2] + P[i - 1], read: R[j - 1], j: j - 1 }); i -= 2; j-- }
  }
  return ops.reverse()
}

/**
 * Whether op k sits among matches (≥ 3 of the 3 ops either side are matches): errors inside
 * a garbled stretch or a lost line say nothing about which character became which.
 */
export function anchored(ops, k) {
  let matches = 0
  for (let d = -3; d <= 3; d++) {
    const o = ops[k + d]
    if (d !== 0 && o && o.printed === o.read) matches++
  }
  return matches >= 3
}
