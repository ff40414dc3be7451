/** Text pages only: a picked folder also brings thumbnails, .DS_Store and the like. */
export function isPageFile(name: string): boolean {
  return /\.txt$/i.test(name) && !name.startsWith('.')
}

/** The folder part of a picked file's relative path ("samples/a.txt" → "samples"). */
export function folderOf(relativePath: string): string | undefined {
  const cut = relativePath.lastIndexOf('/')
  return cut > 0 ? relativePath.slice(0, cut).slice(-255) : undefined
}
