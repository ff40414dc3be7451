import fs from 'node:fs'
import path from 'node:path'
import { VERSION } from '../version'
import type { Format } from './types'

// What makes a folder Galley's export, so that `--force` and the sweep of abandoned staging
// folders remove only what an export wrote. A folder is Galley's when it carries the marker an
// export writes first (or, written before the marker existed, a manifest.json naming Galley as
// its generator) and holds nothing but what an export writes: a folder holding a database, its
// backups or any other file is never Galley's, whoever put the marker there.

export const MARKER = '.galley-export'

/** Each format's folder and the one extension of the files in it. */
const FORMAT_FILES: Record<Format, string> = { json: '.json', md: '.md', txt: '.txt', html: '.html', nitf: '.xml', alto: '.xml', page: '.xml', tei: '.xml' }

/** Written into every export folder (its staging folder too) before anything else. */
export function writeMarker(dir: string): void {
  const note = {
    writtenBy: `Galley ${VERSION}`,
    note: 'written by galley export; galley export --force may replace this folder, and a stopped export\'s hidden staging folder is removed by the next export'
  }
  fs.writeFileSync(path.join(dir, MARKER), JSON.stringify(note, null, 2) + '\n')
}

function hasMarker(dir: string): boolean {
  return claimsGalley(path.join(dir, MARKER), 'writtenBy')
}

/** An export written before the marker: its manifest names Galley. */
function hasGalleyManifest(dir: string): boolean {
  return claimsGalley(path.join(dir, 'manifest.json'), 'generator')
}

function claimsGalley(file: string, key: string): boolean {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
    const value = data[key]
    return typeof value === 'string' && value.startsWith('Galley ')
  } catch {
    // Missing or not JSON: not a file Galley wrote, which is the answer.
    return false
  }
}

/**
 * Null when `dir` is a finished export of Galley's that may be replaced, else why not, in a few words.
 */
export function whyNotOurExport(dir: string): string | null {
  if (!hasMarker(dir) && !hasGalleyManifest(dir)) return `has no ${MARKER} marker`
  const stranger = foreignEntry(dir)
  return stranger === null ? null : `holds ${stranger}, which galley export did not write`
}

/** Whether an abandoned staging folder is Galley's to remove: empty, or marked and holding only an export's files. */
export function isOurStaging(dir: string): boolean {
  const entries = fs.readdirSync(dir)
  if (entries.length === 0) return true
  return hasMarker(dir) && foreignEntry(dir) === null
}

/** The first entry (relative path) that an export does not write, or null. */
function foreignEntry(dir: string): string | null {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && (entry.name === MARKER || entry.name === 'manifest.json')) continue
    const ext = Object.hasOwn(FORMAT_FILES, entry.name) ? FORMAT_FILES[entry.name as Format] : null
    if (ext === null || !entry.isDirectory()) return entry.name
    const inner = foreignFile(path.join(dir, entry.name), ext, 2)
    if (inner !== null) return path.join(entry.name, inner)
  }
  return null
}

/** Files with the format's extension, in folders at most `depth` deep (an edition's folder). */
function foreignFile(dir: string, ext: string, depth: number): string | null {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) continue
    if (entry.isDirectory() && depth > 1) {
      const inner = foreignFile(path.join(dir, entry.name), ext, depth - 1)
      if (inner === null) continue
      return path.join(entry.name, inner)
    }
    return entry.name
  }
  return null
}
