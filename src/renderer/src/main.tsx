import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles/app.css'
import { loadLocale } from './i18n'
import { loadMonacoMessages } from './monaco/messages'

// Monaco reads its own strings (find widget, context menu, commands) from a global table when its
// modules load, so the table for the UI's language goes in first and the editor after it.
async function start(): Promise<void> {
  await loadMonacoMessages(loadLocale())
  await import('./monaco/setup')
  const { App } = await import('./App')
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
}

void start()
