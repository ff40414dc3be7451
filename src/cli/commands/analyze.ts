import path from 'node:path'
import { analyzeFile, EditionFolderError, publicationContext, readEditionEvidence, UnknownPublicationError, type AnalyzeResult } from '../../core/services/analyzeFiles'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'

export type { AnalyzeResult } from '../../core/services/analyzeFiles'

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'analyse page files without importing them',
  usage: 'galley analyze FILE... [--json] [--edition-dir DIR] [--publication NAME [--db PATH]]',
  // --edition-dir: the pages of DIR (its .txt files) are the page's edition or publication: lines
  // that recur across them are read as furniture. --publication: what Galley learnt of it.
  options: { 'edition-dir': { type: 'string' }, publication: { type: 'string' } },
  run: ({ values, positionals, output, services }) => {
    if (positionals.length === 0) throw new UsageError('analyze needs at least one file')
    // With a publication, the proposal uses what Galley learnt of it from the editor's approved pages.
    const name = values.publication as string | undefined
    let learnt: ReturnType<typeof publicationContext> = { profile: null, evidence: null }
    if (name !== undefined) {
      try {
        learnt = publicationContext(services().db, name)
      } catch (error) {
        if (error instanceof UnknownPublicationError) throw new UsageError(error.message)
        throw error
      }
    }
    const results: AnalyzeResult[] = []
    let failed = 0
    const editionDir = values['edition-dir'] as string | undefined
    const edition = editionDir === undefined ? null : editionOf(editionDir)
    for (const file of positionals) {
      const analysed = analyzeFile(file, edition ?? learnt.evidence, learnt.profile)
      if (analysed.ok) results.push(analysed.result)
      else {
        failed++
        output.err(`galley: ${file}: ${analysed.reason}`)
      }
    }
    if (values.json) output.json(positionals.length === 1 ? (results[0] ?? null) : results)
    else {
      for (const r of results) {
        output.out(`# ${path.basename(r.source)} (${r.encoding})`)
        r.articles.forEach((a, i) => {
          const head = a.kind === 'article' ? a.title : `[${a.kind}] ${(a.paragraphs[0]?.text ?? '').slice(0, 30)}`
          output.out(`${String(i + 1).padStart(2)}. ${head}${a.byline ? ` — ${a.byline}` : ''}  (${a.paragraphs.length} ¶, ${Math.round(a.confidence * 100)}%${a.flags.length ? ', ' + a.flags.join(', ') : ''})`)
        })
        if (r.furniture.length) output.out(`    furniture: ${r.furniture.length} lines`)
        for (const s of r.suggestions) output.out(`    ${s.rule} @${s.start}: ${s.original} → ${s.replacement || '(remove)'}  ${s.message}`)
        output.out('')
      }
    }
    return failed > 0 ? EXIT.someFailed : EXIT.ok
  }
}

function editionOf(dir: string) {
  try {
    return readEditionEvidence(dir)
  } catch (error) {
    if (error instanceof EditionFolderError) throw new UsageError(`--edition-dir ${dir}: ${error.message}`)
    throw error
  }
}
