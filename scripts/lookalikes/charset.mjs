// The "common characters" the look-alike set covers: GB 2312 (levels 1 and 2, 6,763
// hanzi), enumerated from the standard's byte layout with the platform's own decoder so
// no character list has to be downloaded or typed in.
export function gb2312Hanzi() {
  const dec = new TextDecoder('gbk')
  const out = []
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      // Level 1 ends at D7F9: the last five cells of row D7 are unassigned.
      if (hi === 0xd7 && lo > 0xf9) continue
      const ch = dec.decode(new Uint8Array([hi, lo]))
      if (/^[\u4e00-\u9fff]$/.test(ch)) out.push(ch)
    }
  }
  return out
}
