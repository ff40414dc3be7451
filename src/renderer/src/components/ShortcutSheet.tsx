import { useT, useWorkbench } from '../hooks/useWorkbench'
import { describeShortcut, EDITOR_KEYS, SHORTCUTS, type ShortcutGroup } from '../state/shortcuts'
import { Dialog } from './Dialog'

const GROUPS: readonly ShortcutGroup[] = ['pages', 'suggestions', 'articles', 'roles', 'general']
const isMac = /Mac|iPhone|iPad/.test(navigator.platform)

export function ShortcutSheet(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  return (
    <Dialog title={t('shortcuts.title')} onClose={() => wb.store.set({ dialog: null })} wide>
      <div className="sheet" data-testid="shortcut-sheet">
        {GROUPS.map((group) => (
          <section key={group}>
            <h3>{t(`shortcuts.group.${group}`)}</h3>
            <dl>
              {SHORTCUTS.filter((s) => s.group === group).map((s, i) => (
                <div key={i} className="shortcut">
                  <dt>
                    <kbd>{describeShortcut(s, isMac)}</kbd>
                  </dt>
                  <dd>{t(`action.${s.action}`)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>{t('shortcuts.group.editor')}</h3>
          <dl>
            {EDITOR_KEYS.map((k) => (
              <div key={k.keys} className="shortcut">
                <dt>
                  <kbd>{isMac ? k.keys.replace('Ctrl', '⌘') : k.keys}</kbd>
                </dt>
                <dd>{t(`action.${k.label}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Dialog>
  )
}
