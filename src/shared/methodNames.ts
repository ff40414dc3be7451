import type { ApiMethod } from './api'

// The method names without the schemas, for the preload, which must stay small and bundle-free.
export const API_METHOD_NAMES = [
  'appInfo',
  'getSettings',
  'updateSettings',
  'restoreNewestBackup',
  'listEditions',
  'listPages',
  'getPage',
  'search',
  'importFiles',
  'startImport',
  'sendImportFiles',
  'runImport',
  'importStatus',
  'cancelImport',
  'listImportJobs',
  'listRevisions',
  'getRevision',
  'saveRevision',
  'restoreRevision',
  'setArticleStatus',
  'approvePage',
  'decideSuggestion',
  'decideSuggestions',
  'updateArticles',
  'previewCorrection',
  'applyCorrection',
  'findOccurrences',
  'applyFix',
  'undoFix',
  'listCorrections',
  'editCorrection',
  'listProtectedTerms',
  'setProtectedTerm',
  'exportEdition',
  'startExport',
  'exportStatus',
  'cancelExport',
  'getPageScan',
  'getPageImage',
  'putPageScanPreview',
  'setEditionMetadata',
  'setPageLabel',
  'listPublications',
  'listLearntRules',
  'undoLearntRule',
  'listPageChanges',
  'listStructureDecisions',
  'learningStatus',
  'exportProfile',
  'setLearntModelState',
  'importProfile',
  'setPageStructure'
] as const satisfies readonly ApiMethod[]

// Fails to compile when a method is added to the contract but not here.
type Missing = Exclude<ApiMethod, (typeof API_METHOD_NAMES)[number]>
const complete: Missing extends never ? true : Missing = true
void complete

export const IPC_PREFIX = 'galley:'
export const MENU_CHANNEL = 'galley-menu'
export type MenuAction = 'import-started' | 'export' | 'settings' | 'shortcuts' | 'find' | 'next-page' | 'previous-page'
