import { isUtf8 } from 'node:buffer'
import fs from 'node:fs'
import path from 'node:path'

export interface SourceFile {
  path: string
  /** The folder that names the edition when no edition is given. */
  folderName: string
  /** Where the path leads when it is a symbolic link (the import says so). */
  linkTo?: string
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
  let entries: fs.Dirent<Buffer>[]
  try {
    // Names as bytes: a name that is not UTF-8 would come back with U+FFFD in it, a path that
    // does not exist (reported as "no such file" instead of what is wrong).
    entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })
  } catch (error) {
    errors.push({ source: dir, reason: `cannot read folder: ${(error as Error).message}` })
    return
  }
  const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') }))
  named.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
  const folderName = path.basename(path.resolve(dir))
  for (const { entry, name } of named) {
    const full = path.join(dir, name)
    if (!isUtf8(entry.name)) {
      if (PAGE_FILE.test(name) || entry.isDirectory()) errors.push({ source: full, reason: 'the name is not valid UTF-8 (rename it to import it)' })
      continue
    }
    if (entry.isDirectory()) walk(full, files, errors)
    else if (entry.isFile()) {
      if (PAGE_FILE.test(name)) files.push({ path: full, folderName })
    } else if (entry.isSymbolicLink()) followLink(full, name, folderName, files, errors)
    else errors.push({ source: full, reason: `skipped: ${kindOf(entry)}, not a regular file` })
  }
}

/** A link to a page is followed and says so; links to folders are not (they can loop). */
function followLink(full: string, name: string, folderName: string, files: SourceFile[], errors: CollectResult['errors']): void {
  let target: fs.Stats
  try {
    target = fs.statSync(full)
  } catch {
    if (PAGE_FILE.test(name)) errors.push({ source: full, reason: 'skipped: a link whose target does not exist' })
    return
  }
  if (target.isFile()) {
    if (PAGE_FILE.test(name)) files.push({ path: full, folderName, linkTo: fs.realpathSync(full) })
  } else if (target.isDirectory()) errors.push({ source: full, reason: 'skipped: a link to a folder (not followed)' })
  else if (PAGE_FILE.test(name)) errors.push({ source: full, reason: 'skipped: a link to something that is not a regular file' })
}

function kindOf(entry: fs.Dirent<Buffer>): string {
  if (entry.isFIFO()) return 'a FIFO (named pipe)'
  if (entry.isSocket()) return 'a socket'
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device'
  return 'a special file'
}
