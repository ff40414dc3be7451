import type { ImportReport } from '../../../shared/types'

/** Groups files into upload batches of a few files and bounded size, keeping their order. */
export function planBatches(sizes: readonly number[], maxFiles = 4, maxBytes = 8 * 1024 * 1024): number[][] {
  const batches: number[][] = []
  let current: number[] = []
  let bytes = 0
  sizes.forEach((size, i) => {
    if (current.length > 0 && (current.length >= maxFiles || bytes + size > maxBytes)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(i)
    bytes += size
  })
  if (current.length) batches.push(current)
  return batches
}

export function emptyReport(): ImportReport {
  return { imported: 0, unchanged: 0, failed: 0, items: [] }
}

export function addReports(a: ImportReport, b: ImportReport): ImportReport {
  return { imported: a.imported + b.imported, unchanged: a.unchanged + b.unchanged, failed: a.failed + b.failed, items: [...a.items, ...b.items] }
}

/** Text pages only: a picked folder also brings thumbnails, .DS_Store and the like. */
export function isPageFile(name: string): boolean {
  return /\.txt$/i.test(name) && !name.startsWith('.')
}

/** The folder part of a picked file's relative path ("samples/a.txt" → "samples"). */
export function folderOf(relativePath: string): string | undefined {
  const cut = relativePath.lastIndexOf('/')
  return cut > 0 ? relativePath.slice(0, cut).slice(-255) : undefined
}
