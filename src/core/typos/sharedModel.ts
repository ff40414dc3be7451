import { Channel } from './confusions'
import { adoptNeighbours, neighboursOf } from './contextCandidates'
import { Lexicon, PairFilter } from './lexicon'
import { LanguageModel } from './lm'
import { Lookalikes } from './lookalikes'
import type { TypoModel } from './model'
import type { ShapeNeighbours } from './shapeNeighbours'
import { Shapes } from './shapes'
import { ScriptVariants } from './variants'
import { WordPairs } from './wordPairs'

// The typo model handed to another thread without a second copy of its tables: the large typed
// arrays are made in shared memory (sharedArrays.ts), which structured clone hands over as the
// same memory, and the other thread gives the objects back their classes. The tables are about
// 100 MB; a second copy would take a 20 MB page's analysis past 600 MB, and what a thread
// allocates for itself stays with the process after the thread ends. The small arrays and the
// confusion tables' maps are copied.

/** The classes a model is made of, by name: what the other thread gives back their methods. */
const CLASSES: Record<string, { prototype: object }> = { Channel, LanguageModel, Lexicon, Lookalikes, PairFilter, ScriptVariants, Shapes, WordPairs }
const TAG = '__typoClass'

/** A model as plain data whose typed arrays are views of shared memory (structured clone keeps them shared). */
export interface SharedTypoModel {
  model: unknown
  neighbours: ShapeNeighbours | null
}

/**
 * The model ready for another thread. The bounds the detector makes on first use are made now,
 * so that they are shared too. Throws on anything it cannot carry (a function, an unknown
 * class): the caller then scores on its own thread.
 */
export function shareModel(model: TypoModel): SharedTypoModel {
  model.lm.boundAfter(0, 0)
  const neighbours = neighboursOf(model)
  return { model: pack(model, new Map()), neighbours }
}

/** The model another thread shared (shareModel), around the same memory. */
export function adoptModel(shared: SharedTypoModel): TypoModel {
  const model = unpack(shared.model, new Map()) as TypoModel
  adoptNeighbours(model, shared.neighbours)
  return model
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
  // Maps and Sets hold data only (their values are plain): structured clone copies them whole.
  if (v instanceof Map || v instanceof Set) return v
  if (done.has(v)) return done.get(v)
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
  if (v instanceof Map || v instanceof Set) return v
  if (done.has(v)) return done.get(v)
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
