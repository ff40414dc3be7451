// Page analysis: a proposal of one page's structure (articles, furniture, joins, duplicates),
// each decision with a confidence. Pure TypeScript, no I/O.
export { analyzePage } from './analyze'
export type { LayoutHints } from './layoutHints'
export { describeArticle, describeRoledLines } from './describe'
export { applySafeFixes } from './fixes'
export { editionEvidence } from './edition'
export type { EditionEvidence } from './edition'
export { LINE_ROLES, SHAPE_PREFIX, TEMPLATE_VERSION, compileProfile, isShapeKey, lineShapes, lineTemplate } from './profile'
export type { CompiledProfile, PublicationProfile, RoleTemplate } from './profile'
export type {
  AnalysisOptions,
  ArticleKind,
  BlockLine,
  DuplicateFlag,
  JoinDecision,
  LineRole,
  PageProposal,
  ProposedArticle,
  ProposedParagraph
} from './types'

/** Bump when the output for the same input changes. */
export const ANALYZER_VERSION = 2
