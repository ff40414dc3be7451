import { Channel } from './confusions'
import { adoptNeighbours, neighboursOf } from './contextCandidates'
import { Lexicon, PairFilter } from './lexicon'
import { LanguageModel } from './lm'
import { Lookalikes } from './lookalikes'
import type { TypoModel } from './model'
import type { ShapeNeighbours } from './shapeNeighbours'
import { Shapes } from './shapes'
import { WordPairs } from './wordPairs'

// The typo model handed to another thread without a second copy of its tables: every typed
// array of the model is moved into shared memory (in place: the model keeps working as before,
// on the same values), and the other thread rebuilds the objects around the same memory. The
// tables are about 100 MB; a second copy would take a 20 MB page's analysis past 600 MB, and
// what a thread allocates for itself stays with the process after the thread ends.

/** The classes a model is made of, by name: what the other thread gives back their methods. */
const CLASSES: Record<string, { prototype: object }> = { Channel, LanguageModel, Lexicon, Lookalikes, PairFilter, Shapes, WordPairs }
const TAG = '__typoClass'

/** A model as plain data whose typed arrays are views of shared memory (structured clone keeps them shared). */
export interface SharedTypoModel {
  model: unknown
  neighbours: ShapeNeighbours | null
}

/**
 * The model ready for another thread; its tables moved into shared memory first. The bounds the
 * detector makes on first use are made now, so that they are shared too. Throws on anything it
 * cannot carry (a function, an unknown class): the caller then scores on its own thread.
 */
export function shareModel(model: TypoModel): SharedTypoModel {
  model.lm.boundAfter(0, 0)
  const neighbours = neighboursOf(model)
  const seen = new Set<object>()
  const shared = toShared(model, seen) as TypoModel
  const nb = neighbours ? (toShared(neighbours, seen) as ShapeNeighbours) : null
  if (nb) adoptNeighbours(shared, nb)
  return { model: pack(shared, new Map()), neighbours: nb }
}

/** The model another thread shared (shareModel), around the same memory. */
export function adoptModel(shared: SharedTypoModel): TypoModel {
  const model = unpack(shared.model, new Map()) as TypoModel
  adoptNeighbours(model, shared.neighbours)
  return model
}

/** Replaces, in place, every typed array reachable from `v` by a copy in shared memory. */
function toShared(v: unknown, seen: Set<object>): unknown {
  if (v === null || typeof v !== 'object') return v
  if (ArrayBuffer.isView(v)) {
    if (v.buffer instanceof SharedArrayBuffer) return v
    const bytes = new Uint8Array(new SharedArrayBuffer(v.byteLength))
    bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
    if (Buffer.isBuffer(v)) return Buffer.from(bytes.buffer, 0, v.byteLength)
    const Ctor = v.constructor as new (buffer: ArrayBufferLike) => ArrayBufferView
    return new Ctor(bytes.buffer)
  }
  if (seen.has(v)) return v
  seen.add(v)
  if (v instanceof Map) {
    for (const [k, x] of v) v.set(k, toShared(x, seen))
    return v
  }
  if (v instanceof Set) return v
  const o = v as Record<string, unknown>
  for (const k of Object.keys(o)) o[k] = toShared(o[k], seen)
  return v
}

function classOf(v: object): string | null {
  const proto = Object.getPrototypeOf(v) as object | null
  if (proto === null || proto === Object.prototype || proto === Array.prototype) return null
  for (const [name, C] of Object.entries(CLASSES)) if (proto === C.prototype) return name
  throw new Error(`typo model: cannot share a ${(v.constructor as { name?: string } | undefined)?.name ?? 'value'}`)
}

function pack(v: unknown, done: Map<object, unknown>): unknown {
  if (typeof v === 'function' || typeof v === 'symbol') throw new Error('typo model: cannot share a function')
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v
  if (done.has(v)) return done.get(v)
  if (v instanceof Map) {
    const out = new Map()
    done.set(v, out)
    for (const [k, x] of v) out.set(k, pack(x, done))
    return out
  }
  if (v instanceof Set) return v
  if (Array.isArray(v)) {
    const out: unknown[] = []
    done.set(v, out)
    for (const x of v) out.push(pack(x, done))
    return out
  }
  const name = classOf(v)
  const out: Record<string, unknown> = name ? { [TAG]: name } : {}
  done.set(v, out)
  for (const [k, x] of Object.entries(v)) out[k] = pack(x, done)
  return out
}

function unpack(v: unknown, done: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v
  if (done.has(v)) return done.get(v)
  if (v instanceof Map) {
    done.set(v, v)
    for (const [k, x] of v) v.set(k, unpack(x, done))
    return v
  }
  if (v instanceof Set) return v
  if (Array.isArray(v)) {
    done.set(v, v)
    for (let i = 0; i < v.length; i++) v[i] = unpack(v[i], done)
    return v
  }
  const o = v as Record<string, unknown>
  const name = o[TAG] as string | undefined
  const out: Record<string, unknown> = name ? (Object.create(CLASSES[name]!.prototype) as Record<string, unknown>) : {}
  done.set(v, out)
  for (const [k, x] of Object.entries(o)) if (k !== TAG) out[k] = unpack(x, done)
  return out
}
