import { isPageFile } from './batches'

// What the import dialog takes besides text pages: OCR engines' output (ALTO and PAGE .xml,
// hOCR .hocr/.html) and page scans. A scan is matched to its page by name in the core, within
// one upload: a page and the scans of the same base name go in the same batch.

const OCR_FILE = /\.(xml|hocr|html?)$/i
const SCAN_FILE = /\.(png|jpe?g|tiff?|webp|pdf)$/i

export function isImportFile(name: string): boolean {
  if (name.startsWith('.')) return false
  return isPageFile(name) || OCR_FILE.test(name) || SCAN_FILE.test(name)
}

/** Folder and name up to its first dot: p05.alto.xml, p05.hocr and p05.png are one group. */
export function groupKey(relativePath: string): string {
  const cut = relativePath.lastIndexOf('/')
  const folder = cut >= 0 ? relativePath.slice(0, cut) : ''
  const name = relativePath.slice(cut + 1)
  const dot = name.indexOf('.')
  return `${folder}/${dot > 0 ? name.slice(0, dot) : name}`
}

/**
 * Upload batches of whole groups (a page with its scans), each of a few files and bounded size
 * unless one group alone is larger; files keep their order within a group.
 */
export function planGroupedBatches(files: readonly { path: string; size: number }[], maxFiles = 4, maxBytes = 8 * 1024 * 1024): number[][] {
  const groups = new Map<string, number[]>()
  files.forEach((f, i) => {
    const key = groupKey(f.path)
    const group = groups.get(key)
    if (group) group.push(i)
    else groups.set(key, [i])
  })
  const batches: number[][] = []
  let current: number[] = []
  let bytes = 0
  for (const group of groups.values()) {
    const size = group.reduce((sum, i) => sum + files[i]!.size, 0)
    if (current.length > 0 && (current.length + group.length > maxFiles || bytes + size > maxBytes)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(...group)
    bytes += size
  }
  if (current.length) batches.push(current)
  return batches
}
