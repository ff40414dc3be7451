import { isImportFile } from './scanGroups'

// Files and folders dropped on the window go through the import dialog's own upload: the drop is
// read here (folders walked through the File System entries API, each file keeping its path
// under the dropped folder, as a picked folder's webkitRelativePath does) and handed to the
// dialog, which starts at once.

const paths = new WeakMap<File, string>()

/** The path the import groups and names a file by: under its dropped or picked folder, else its name. */
export function relativePathOf(file: File): string {
  return paths.get(file) ?? (file.webkitRelativePath || file.name)
}

/** Importable files first by path, as the dialog lists them. */
export function importable(files: readonly File[]): File[] {
  return files.filter((f) => isImportFile(f.name)).sort((a, b) => relativePathOf(a).localeCompare(relativePathOf(b)))
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject))
}

/** All entries of a folder: readEntries answers in chunks until an empty one. */
async function entriesOf(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader()
  const all: FileSystemEntry[] = []
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (chunk.length === 0) return all
    all.push(...chunk)
  }
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.name.startsWith('.')) return
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry)
    // fullPath is "/folder/sub/name" for a file in a dropped folder, "/name" for a dropped file
    const path = entry.fullPath.replace(/^\/+/, '')
    if (path.includes('/')) paths.set(file, path)
    out.push(file)
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child, out)
  }
}

/** The files a drop carries, folders walked; importable ones only, sorted by path. */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  // entries must be taken before the first await: the DataTransfer is emptied after the event
  const entries = [...data.items].filter((i) => i.kind === 'file').map((i) => ({ entry: i.webkitGetAsEntry?.() ?? null, file: i.getAsFile() }))
  const out: File[] = []
  for (const { entry, file } of entries) {
    if (entry) await walk(entry, out)
    else if (file) out.push(file)
  }
  return importable(out)
}

let pending: File[] | null = null
const listeners = new Set<(files: File[]) => void>()

/** Hands dropped files to the import dialog (open or about to open). */
export function offerDropped(files: File[]): void {
  if (listeners.size > 0) for (const l of listeners) l(files)
  else pending = files
}

/** The dialog takes a drop that arrived before it opened, and hears of the next ones. */
export function listenForDrops(listener: (files: File[]) => void): () => void {
  listeners.add(listener)
  if (pending) {
    const files = pending
    pending = null
    listener(files)
  }
  return () => listeners.delete(listener)
}
