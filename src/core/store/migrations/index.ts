import type { Migration } from './migration'
import { m001Initial } from './001-initial'
import { m002Search } from './002-search'
import { m003Names } from './003-names'
import { m004SuggestionState } from './004-suggestion-state'
import { m005Settings } from './005-settings'
import { m006OriginalRevisions } from './006-original-revisions'
import { m007SearchMerging } from './007-search-merging'
import { m008NamesByPage } from './008-names-by-page'
import { m009PageScans } from './009-page-scans'
import { m010EditionMetadata } from './010-edition-metadata'
import { m011PagesByStatus } from './011-pages-by-status'
import { m012Learning } from './012-learning'

// Append only: a released migration is never edited, a new step gets the next number.
export const migrations: readonly Migration[] = [m001Initial, m002Search, m003Names, m004SuggestionState, m005Settings, m006OriginalRevisions, m007SearchMerging, m008NamesByPage, m009PageScans, m010EditionMetadata, m011PagesByStatus, m012Learning]

export const LATEST_VERSION = migrations.length
