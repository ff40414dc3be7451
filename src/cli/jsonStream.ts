/**
 * JSON.stringify(value, null, 2) written in pieces: the same bytes, but a big document (the
 * analysis of a 20 MB page holds its text twice over) never exists as one string beside its
 * encoded copy. Objects and arrays are opened level by level; a member below SMALL characters of
 * source text is stringified whole and indented to its place.
 */
const PIECE = 1 << 18

export function writeJson(value: unknown, write: (chunk: string) => void): void {
  let pending = ''
  const emit = (s: string): void => {
    pending += s
    if (pending.length >= PIECE) {
      write(pending)
      pending = ''
    }
  }
  member(value, '', emit)
  write(pending + '\n')
}

/**
 * A long string (a page's text) stringified a piece at a time: the quotes once, each piece's
 * escapes as JSON.stringify writes them. A piece never ends between the two halves of a
 * surrogate pair (stringified apart, each half would be escaped as a lone surrogate).
 */
function longString(v: string, emit: (s: string) => void): void {
  emit('"')
  for (let from = 0; from < v.length; ) {
    let to = Math.min(v.length, from + PIECE)
    const last = v.charCodeAt(to - 1)
    if (to < v.length && last >= 0xd800 && last <= 0xdbff) to--
    const s = JSON.stringify(v.slice(from, to))
    emit(s.slice(1, -1))
    from = to
  }
  emit('"')
}

/** Members whose JSON is likely this long or more are opened rather than stringified whole. */
const SMALL = 65_536

function member(value: unknown, indent: string, emit: (s: string) => void): void {
  const v = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON: () => unknown }).toJSON() : value
  if (typeof v === 'string' && v.length >= PIECE) return longString(v, emit)
  if (v === null || typeof v !== 'object' || roughSize(v, SMALL) < SMALL) {
    const s = JSON.stringify(v, null, 2)
    if (s === undefined) return emit('null')
    return emit(indent && s.includes('\n') ? s.replace(/\n/g, '\n' + indent) : s)
  }
  const inner = indent + '  '
  if (Array.isArray(v)) {
    if (v.length === 0) return emit('[]')
    emit('[\n')
    v.forEach((item, k) => {
      emit(inner)
      // JSON.stringify writes null for what it cannot write in an array.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') emit('null')
      else member(item, inner, emit)
      emit(k < v.length - 1 ? ',\n' : '\n')
    })
    return emit(indent + ']')
  }
  const keys = Object.keys(v).filter((k) => {
    const x = (v as Record<string, unknown>)[k]
    return x !== undefined && typeof x !== 'function' && typeof x !== 'symbol'
  })
  if (keys.length === 0) return emit('{}')
  emit('{\n')
  keys.forEach((k, i) => {
    emit(inner + JSON.stringify(k) + ': ')
    member((v as Record<string, unknown>)[k], inner, emit)
    emit(i < keys.length - 1 ? ',\n' : '\n')
  })
  emit(indent + '}')
}

/** The characters of source text in a value, counted until `limit`. */
function roughSize(v: unknown, limit: number): number {
  if (typeof v === 'string') return v.length
  if (v === null || typeof v !== 'object') return 8
  let n = 0
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    n += 4 + roughSize(x, limit - n)
    if (n >= limit) break
  }
  return n
}
