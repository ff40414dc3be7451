import { useEffect, useState } from 'react'
import { Banners, Toolbar } from './components/Toolbar'
import { EditorPane } from './components/EditorPane'
import { ApproveFlaggedDialog } from './components/ApproveFlaggedDialog'
import { ConcordanceDialog } from './components/ConcordanceDialog'
import { KnowledgeDialog } from './components/KnowledgeDialog'
import { ExportDialog } from './components/ExportDialog'
import { ImportDialog } from './components/ImportDialog'
import { RecoveryScreen } from './components/RecoveryScreen'
import { RightPanel } from './components/RightPanel'
import { EditionDialog } from './components/EditionDialog'
import { SettingsDialog } from './components/SettingsDialog'
import { ShortcutSheet } from './components/ShortcutSheet'
import { Sidebar } from './components/Sidebar'
import { useDropImport } from './hooks/useDropImport'
import { useLifecycle } from './hooks/useLifecycle'
import { useShortcuts } from './hooks/useShortcuts'
import { useApp, WorkbenchContext } from './hooks/useWorkbench'
import { loadLocale } from './i18n'
import { Workbench } from './state/workbench'
import { ScanPane } from './scan/ScanPane'

export function App(): React.JSX.Element {
  const [wb] = useState(() => new Workbench(loadLocale()))
  useShortcuts(wb)
  useLifecycle(wb)
  useDropImport(wb)
  useEffect(() => {
    document.documentElement.lang = wb.store.get().locale
    void wb.init()
  }, [wb])
  return (
    <WorkbenchContext.Provider value={wb}>
      <Screen />
    </WorkbenchContext.Provider>
  )
}

function Screen(): React.JSX.Element {
  const recovery = useApp((s) => s.recovery)
  if (recovery) return <RecoveryScreen recovery={recovery} />
  return (
    <div className="app">
      <Sidebar />
      <main className="center">
        <Toolbar />
        <Banners />
        <div className="center-body">
          <EditorPane />
          <ScanPane />
        </div>
      </main>
      <RightPanel />
      <Dialogs />
    </div>
  )
}

function Dialogs(): React.JSX.Element | null {
  const dialog = useApp((s) => s.dialog)
  if (dialog === 'import') return <ImportDialog />
  if (dialog === 'export') return <ExportDialog />
  if (dialog === 'shortcuts') return <ShortcutSheet />
  if (dialog === 'settings') return <SettingsDialog />
  if (dialog === 'approveFlagged') return <ApproveFlaggedDialog />
  if (dialog === 'concordance') return <ConcordanceDialog />
  if (dialog === 'knowledge') return <KnowledgeDialog />
  if (dialog === 'edition') return <EditionDialog />
  return null
}
