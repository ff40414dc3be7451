// Exporting cleaned editions: approved articles (optionally the proposed ones, marked) of an
// edition, a page or the whole store, as JSON, Markdown, plain text, HTML and NITF.
export { exportStore, exportStoreAsync } from './exportStore'
export { ExportError, FORMATS, isFormat } from './types'
export type { AsyncExportOptions, ExportOptions, ExportResult, ExportScope, Format } from './types'
export { FORMAT_NAME, FORMAT_VERSION, type JsonEdition, type JsonArticle } from './formats/json'
export { safeName, NameRegistry } from './names'
export { MARKER } from './ownFolder'
