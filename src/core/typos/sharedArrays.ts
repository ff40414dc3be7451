// The typo model's large tables are made in shared memory, so that a thread helping with a long
// page reads them in place (sharedModel.ts) instead of holding copies of its own. Same arrays
// otherwise: reading them costs the same.

export const sharedInt32 = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n))
export const sharedUint32 = (n: number): Uint32Array => new Uint32Array(new SharedArrayBuffer(4 * n))
export const sharedFloat32 = (n: number): Float32Array => new Float32Array(new SharedArrayBuffer(4 * n))
export const sharedFloat64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(8 * n))
export const sharedUint16 = (n: number): Uint16Array => new Uint16Array(new SharedArrayBuffer(2 * n))

/** A copy of the bytes in shared memory (instead of a view that would keep a whole file's buffer). */
export function sharedBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(bytes.byteLength))
  out.set(bytes)
  return out
}
