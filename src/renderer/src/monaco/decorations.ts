import type { editor } from 'monaco-editor/esm/vs/editor/editor.api'
import type { Span } from '../state/boundaries'
import { lineRoles } from '../state/lineRoles'
import type { Translate } from '../i18n'
import { monaco } from './setup'

const KIND_COLOR: Record<Span['kind'], string> = {
  article: '#0969da',
  caption: '#8250df',
  fragment: '#bf8700',
  furniture: '#8c959f'
}

/** Boundary marks for the working text: a coloured bar per article, a rule and glyph at its start, roles per line. */
export function spanDecorations(spans: readonly Span[], lines: readonly string[], t: Translate): editor.IModelDeltaDecoration[] {
  const out: editor.IModelDeltaDecoration[] = []
  spans.forEach((span, index) => {
    const last = Math.max(span.startLine, span.endLine - 1)
    out.push({
      range: new monaco.Range(span.startLine + 1, 1, last + 1, 1),
      options: {
        isWholeLine: true,
        linesDecorationsClassName: `gb-bar gb-bar-${span.kind} gb-status-${span.status}`,
        className: span.kind === 'furniture' ? 'gb-furniture' : null
      }
    })
    const title = span.title ?? span.record?.title ?? ''
    out.push({
      range: new monaco.Range(span.startLine + 1, 1, span.startLine + 1, 1),
      options: {
        isWholeLine: true,
        className: `gb-start gb-start-${span.kind}`,
        glyphMarginClassName: `gb-glyph gb-glyph-${span.kind}`,
        glyphMarginHoverMessage: { value: `**${index + 1}. ${t(`kind.${span.kind}`)}** ${title}` },
        overviewRuler: { color: KIND_COLOR[span.kind], position: monaco.editor.OverviewRulerLane.Left }
      }
    })
    for (const [line, role] of lineRoles(lines, span.startLine, span.endLine, span.record)) {
      out.push({ range: new monaco.Range(line + 1, 1, line + 1, 1), options: { isWholeLine: true, className: `gb-role gb-role-${role}` } })
    }
  })
  return out
}
