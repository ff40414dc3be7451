/** CJK unified ideographs (basic block and extension A): the characters the lexicon covers. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)
}
