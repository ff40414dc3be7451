export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

export const median = (values: readonly number[]): number => quantile(values, 0.5)

/** Median with the spread (min and max) of repeated runs. */
export interface Summary {
  median: number
  min: number
  max: number
  runs: number
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length }
}

export function timeMs<T>(run: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint()
  const result = run()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }
}
