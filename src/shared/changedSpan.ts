/**
 * The one span where two texts differ when they differ in one place: the common start and end
 * are trimmed, so `before.slice(start, endBefore)` became `after.slice(start, endAfter)`. Both the
 * store's learning of a typed correction and the workbench's "fix everywhere" read a typed
 * correction this way.
 */
export function changedSpan(before: string, after: string): { start: number; endBefore: number; endAfter: number } {
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before[start] === after[start]) start++
  let endBefore = before.length
  let endAfter = after.length
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--
    endAfter--
  }
  return { start, endBefore, endAfter }
}
