import type { ImportReport } from '../../../shared/types'
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

/** Uploads in batches through importFiles; between batches the caller may cancel. */
export async function uploadFiles(
  files: readonly File[],
  edition: string | undefined,
  onProgress: (p: UploadProgress) => void,
  cancelled: () => boolean
): Promise<{ report: ImportReport; cancelled: boolean }> {
  let report = emptyReport()
  let done = 0
  for (const batch of planGroupedBatches(files.map((f) => ({ path: relativePathOf(f), size: f.size })))) {
    if (cancelled()) return { report, cancelled: true }
    const payload = await Promise.all(
      batch.map(async (i) => {
        const file = files[i]!
        const folder = folderOf(relativePathOf(file))
        return { name: file.name.slice(-255), dataBase64: await readBase64(file), ...(folder ? { folder } : {}) }
      })
    )
    const result = await api.importFiles({ files: payload, ...(edition ? { edition } : {}) })
    report = addReports(report, result)
    done += batch.length
    onProgress({ done, total: files.length, report })
  }
  return { report, cancelled: false }
}
