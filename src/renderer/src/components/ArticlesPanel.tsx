import { memo, useEffect, useRef, useState } from 'react'
import type { ArticleKind } from '../../../shared/types'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import type { Span } from '../state/boundaries'
import { LearntChanges } from './LearntChanges'

const KINDS: readonly ArticleKind[] = ['article', 'caption', 'fragment', 'furniture']

export function ArticlesPanel(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const spans = useApp((s) => s.spans)
  const active = useApp((s) => s.activeSpan)
  const editing = useApp((s) => s.editingTitle)
  const hasPage = useApp((s) => s.pageId !== null)
  const list = useRef<HTMLOListElement>(null)
  useEffect(() => {
    list.current?.querySelector('.article.active')?.scrollIntoView({ block: 'nearest' })
  }, [active])
  if (!hasPage) return <p className="empty">{t('toolbar.noPage')}</p>
  return (
    <div className="articles">
      <div className="panel-actions">
        <button className="primary" onClick={() => void wb.structure.approvePage()} title="Alt+Shift+A">
          {t('articles.approveAll')}
        </button>
        <button onClick={() => void wb.structure.split()} title="Alt+S">
          {t('articles.split')}
        </button>
        <button onClick={() => void wb.structure.merge()} title="Alt+M">
          {t('articles.merge')}
        </button>
      </div>
      <LearntChanges />
      {spans.length === 0 && <p className="empty">{t('articles.none')}</p>}
      <ol ref={list} className="article-list" data-testid="articles">
        {spans.map((span, i) => (
          <ArticleItem key={`${span.startLine}:${i}`} span={span} index={i} active={i === active} editing={editing === i} />
        ))}
      </ol>
    </div>
  )
}

const ArticleItem = memo(function ArticleItem({ span, index, active, editing }: { span: Span; index: number; active: boolean; editing: boolean }) {
  const t = useT()
  const wb = useWorkbench()
  const record = span.record
  const title = span.title ?? record?.title ?? ''
  // Captions and furniture seldom have a title: their first words say what they are.
  const stand = title ? '' : (record?.captions[0] ?? record?.paragraphs[0]?.text ?? '').slice(0, 40)
  return (
    <li className={`article kind-${span.kind} status-${span.status}${active ? ' active' : ''}`} data-status={span.status} data-kind={span.kind}>
      <div className="article-head">
        <select
          aria-label={t('articles.kind')}
          value={span.kind}
          onChange={(e) => void wb.structure.setKind(index, e.target.value as ArticleKind)}
          className={`kind kind-${span.kind}`}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
        <span className={`pill article-status-${span.status}`}>{t(`articleStatus.${span.status}`)}</span>
        <button className="link lines" onClick={() => wb.structure.revealSpan(index)}>
          {t('articles.lines', { start: span.startLine + 1, end: span.endLine })}
        </button>
      </div>
      {editing ? (
        <TitleEditor initial={title} onDone={(value) => (value === null ? wb.store.set({ editingTitle: null }) : void wb.structure.setTitle(index, value))} />
      ) : (
        <button className="article-title" onClick={() => wb.structure.revealSpan(index)} onDoubleClick={() => wb.structure.editTitle(index)} title={t('articles.editTitle') + ' (F2)'}>
          {record?.kicker && <small className="kicker">{record.kicker}</small>}
          {title || <span className="muted">{stand || t('articles.untitled')}</span>}
        </button>
      )}
      {record && (
        <div className="article-meta">
          {record.byline && <span className="byline">{record.byline}</span>}
          <span>{t('articles.paragraphs', { count: record.paragraphs.length })}</span>
          <span>{t('articles.confidence', { value: Math.round(record.confidence * 100) })}</span>
          {record.flags.map((f) => (
            <span key={f} className="flag">
              {f}
            </span>
          ))}
        </div>
      )}
      <div className="article-actions">
        {span.status === 'proposed' ? (
          <>
            <button className="approve" onClick={() => void wb.structure.setStatus(index, 'approved')} title="Alt+A">
              {t('articles.approve')}
            </button>
            <button className="reject" onClick={() => void wb.structure.setStatus(index, 'rejected')} title="Alt+X">
              {t('articles.reject')}
            </button>
          </>
        ) : (
          <button onClick={() => void wb.structure.setStatus(index, 'proposed')}>{t('articles.reopen')}</button>
        )}
        <button className="link" onClick={() => wb.structure.editTitle(index)} title="F2">
          {t('articles.editTitle')}
        </button>
      </div>
    </li>
  )
})

function TitleEditor({ initial, onDone }: { initial: string; onDone: (value: string | null) => void }): React.JSX.Element {
  const t = useT()
  const [value, setValue] = useState(initial)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])
  return (
    <input
      ref={input}
      className="title-input"
      value={value}
      placeholder={t('articles.titlePlaceholder')}
      aria-label={t('articles.editTitle')}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          // Focus goes back to the text at once: the key must not follow it there as a new line.
          e.preventDefault()
          onDone(value)
        } else if (e.key === 'Escape') {
          e.stopPropagation()
          onDone(null)
        }
      }}
      onBlur={() => onDone(value)}
    />
  )
}
