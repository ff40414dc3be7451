import fs from 'node:fs'
import path from 'node:path'

export interface SourceFile {
  path: string
  /** The folder that names the edition when no edition is given. */
  folderName: string
}

export interface CollectResult {
  files: SourceFile[]
  errors: { source: string; reason: string }[]
}

/** Text pages, and OCR engines' output (ALTO and PAGE .xml, hOCR .hocr; an .html hOCR file is taken when named). */
const PAGE_FILE = /\.(txt|xml|hocr)$/i

/** Expands files and folders (recursively) into page files, in name order within each folder. */
export function collectSources(inputs: readonly string[]): CollectResult {
  const files: SourceFile[] = []
  const errors: CollectResult['errors'] = []
  for (const input of inputs) {
    let stat: fs.Stats
    try {
      stat = fs.statSync(input)
    } catch (error) {
      errors.push({ source: input, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message })
      continue
    }
    if (stat.isDirectory()) {
      const before = files.length
      walk(input, files, errors)
      if (files.length === before) errors.push({ source: input, reason: 'folder has no .txt, ALTO, hOCR or PAGE XML files' })
    } else if (stat.isFile()) {
      files.push({ path: input, folderName: path.basename(path.dirname(path.resolve(input))) })
    } else {
      errors.push({ source: input, reason: 'not a regular file or folder' })
    }
  }
  return { files, errors }
}

function walk(dir: string, files: SourceFile[], errors: CollectResult['errors']): void {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch (error) {
    errors.push({ source: dir, reason: `cannot read folder: ${(error as Error).message}` })
    return
  }
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
  const folderName = path.basename(path.resolve(dir))
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, files, errors)
    else if (entry.isFile() && PAGE_FILE.test(entry.name)) files.push({ path: full, folderName })
  }
}
