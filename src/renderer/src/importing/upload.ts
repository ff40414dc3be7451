import { MAX_PAGE_BYTES } from '../../../shared/limits'
import type { ImportItemResult, ImportReport } from '../../../shared/types'
import { api } from '../api/client'
import { addReports, emptyReport, folderOf } from './batches'
import { relativePathOf } from './dropped'
import { planGroupedBatches } from './scanGroups'

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`))
    reader.readAsDataURL(file)
  })
}

export interface UploadProgress {
  done: number
  total: number
  report: ImportReport
}

/** How the server names an uploaded file in its report. */
function sourceName(file: File): string {
  const folder = folderOf(relativePathOf(file))
  return folder ? `${folder}/${file.name}` : file.name
}

function failedReport(files: readonly File[], reason: string): ImportReport {
  const items: ImportItemResult[] = files.map((f) => ({ source: sourceName(f), status: 'failed', reason }))
  return { ...emptyReport(), failed: items.length, items }
}

async function send(files: readonly File[], edition: string | undefined, publication: string | undefined): Promise<ImportReport> {
  const payload = await Promise.all(
    files.map(async (file) => {
      const folder = folderOf(relativePathOf(file))
      return { name: file.name.slice(-255), dataBase64: await readBase64(file), ...(folder ? { folder } : {}) }
    })
  )
  return api.importFiles({ files: payload, ...(edition ? { edition } : {}), ...(publication ? { publication } : {}) })
}

/**
 * A batch refused as a whole (a transport error, a file that cannot be read) is sent again a
 * file at a time, so one bad file fails alone, with its reason, and the rest are imported.
 */
async function sendBatch(files: readonly File[], edition: string | undefined, publication: string | undefined): Promise<ImportReport> {
  try {
    return await send(files, edition, publication)
  } catch (error) {
    if (files.length === 1) return failedReport(files, (error as Error).message || String(error))
  }
  let report = emptyReport()
  for (const file of files) report = addReports(report, await sendBatch([file], edition, publication))
  return report
}

/** Uploads in batches through importFiles; between batches the caller may cancel. */
export async function uploadFiles(
  files: readonly File[],
  edition: string | undefined,
  publication: string | undefined,
  onProgress: (p: UploadProgress) => void,
  cancelled: () => boolean
): Promise<{ report: ImportReport; cancelled: boolean }> {
  let report = emptyReport()
  let done = 0
  for (const batch of planGroupedBatches(files.map((f) => ({ path: relativePathOf(f), size: f.size })))) {
    if (cancelled()) return { report, cancelled: true }
    // A file over the limit is refused here, by name, without sending it.
    const tooLarge = batch.filter((i) => files[i]!.size > MAX_PAGE_BYTES).map((i) => files[i]!)
    const rest = batch.filter((i) => files[i]!.size <= MAX_PAGE_BYTES).map((i) => files[i]!)
    for (const file of tooLarge) {
      report = addReports(report, failedReport([file], `file too large (${(file.size / 1024 / 1024).toFixed(1)} MB, the limit is 20 MB)`))
    }
    if (rest.length > 0) report = addReports(report, await sendBatch(rest, edition, publication))
    done += batch.length
    onProgress({ done, total: files.length, report })
  }
  return { report, cancelled: false }
}
