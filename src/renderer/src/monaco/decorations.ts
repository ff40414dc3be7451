import type { editor } from 'monaco-editor/esm/vs/editor/editor.api'
import { shownRoles, type Span } from '../state/boundaries'
import type { Translate } from '../i18n'
import { LINE_ROLES } from '../../../shared/lineRoles'
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
    // Every line's role in the gutter (its mark is the UI language's, see roleMarkStyle).
    shownRoles(span, lines).forEach((role, k) => {
      if (role === null) return
      const line = span.startLine + k + 1
      out.push({
        range: new monaco.Range(line, 1, line, 1),
        options: {
          isWholeLine: true,
          className: `gb-role gb-role-${role}`,
          // on the first row of a wrapped line only, beside the article's bar
          firstLineDecorationClassName: `gb-rm gb-rm-${role}${span.roles ? ' gb-rm-given' : ''}`,
          linesDecorationsTooltip: t('roles.gutter', { line, role: t(`role.${role}`) })
        }
      })
    })
  })
  return out
}

/** The gutter's role marks in the UI's language, as CSS variables the marks' ::before reads. */
export function roleMarkStyle(element: HTMLElement, t: Translate): void {
  for (const role of LINE_ROLES) element.style.setProperty(`--gb-rm-${role}`, JSON.stringify(t(`roleMark.${role}`)))
}
