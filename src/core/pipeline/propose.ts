import { ANALYZER_VERSION, analyzePage, type AnalysisOptions, type PageProposal } from '../analysis'
import { countNames, detectSuspicious, extractNames, type DetectOptions, type TypoSuggestion } from '../typos'
import type { ArticleInput } from '../model/article'
import type { SuggestionInput } from '../model/suggestion'
import type { Proposal, Proposer } from './proposal'

/**
 * Structure, safe fixes and suggestions for one page's decoded text (LF newlines). Without
 * knowledge the typo detection is left to the suggestion pass (see suggestionPass.ts).
 */
/** The proposer of batch imports: analysis only; the suggestion pass follows (importer). */
export function structureProposer(): Proposer {
  return (text, context) => ({ ...proposePage(text, null, { ...context?.layout, edition: context?.edition ?? null }), suggestionsPending: true })
}

export function proposePage(text: string, knowledge: DetectOptions | null = {}, options: AnalysisOptions = {}): Proposal {
  const analysis = analyzePage(text, options)
  const suggestions: SuggestionInput[] = [
    ...duplicateSuggestions(analysis),
    ...(knowledge === null ? [] : detectSuspicious(analysis.workingText, knowledge)).map(toSuggestionInput)
  ].sort((a, b) => a.start - b.start)
  return {
    workingText: analysis.workingText,
    reason: fixesReason(analysis),
    articles: articleInputs(analysis),
    suggestions,
    analyzerVersion: ANALYZER_VERSION,
    names: countNames(extractNames(analysis.workingText))
  }
}

/** A detector's suggestion as the store keeps it (the detector's alternatives stay behind). */
export function toSuggestionInput(s: TypoSuggestion): SuggestionInput {
  return { rule: s.rule, start: s.start, end: s.end, original: s.original, replacement: s.replacement, confidence: s.confidence, message: s.message }
}

export function duplicateSuggestions(analysis: PageProposal): SuggestionInput[] {
  return analysis.duplicates.map((d) => ({
    rule: 'duplicate',
    start: d.start,
    end: d.end,
    original: analysis.workingText.slice(d.start, d.end),
    replacement: '',
    confidence: d.confidence,
    message: d.message
  }))
}

/** Articles in reading order, with the furniture blocks between them as articles of kind furniture. */
export function articleInputs(analysis: PageProposal): ArticleInput[] {
  const articles: ArticleInput[] = analysis.articles.map((a) => ({
    kind: a.kind,
    startLine: a.startLine,
    endLine: a.endLine,
    kicker: a.kicker,
    title: a.title,
    subtitle: a.subtitle,
    headings: a.headings,
    byline: a.byline,
    paragraphs: a.paragraphs,
    captions: a.captions,
    flags: a.flags,
    confidence: a.confidence
  }))
  const lines = analysis.workingText.split('\n')
  let run: { start: number; end: number } | null = null
  const furniture: ArticleInput[] = []
  const flush = (): void => {
    if (!run) return
    const text = lines.slice(run.start, run.end).filter((l) => l.trim() !== '')
    furniture.push({
      kind: 'furniture',
      startLine: run.start,
      endLine: run.end,
      kicker: null,
      title: '',
      subtitle: null,
      headings: [],
      byline: null,
      paragraphs: text.map((t) => ({ role: 'body', text: t })),
      captions: [],
      flags: [],
      confidence: 1
    })
    run = null
  }
  for (const block of analysis.blocks) {
    if (block.role !== 'furniture') continue
    const inArticle = articles.some((a) => block.line >= a.startLine && block.line < a.endLine)
    if (inArticle) continue
    if (run && block.line <= run.end + 1) run.end = block.line + 1
    else {
      flush()
      run = { start: block.line, end: block.line + 1 }
    }
  }
  flush()
  return [...articles, ...furniture].sort((a, b) => a.startLine - b.startLine)
}

function fixesReason(analysis: PageProposal): string {
  const joined = analysis.joins.filter((j) => j.applied).length
  const parts = ['automatic fixes: white space']
  if (!analysis.fullWidthPage) parts.push('punctuation width')
  if (joined > 0) parts.push(`${joined} split paragraph${joined === 1 ? '' : 's'} rejoined`)
  return parts.join(', ')
}
