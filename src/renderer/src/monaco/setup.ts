import * as monaco from 'monaco-editor/esm/vs/editor/editor.api'
// The editor's contributions (marker navigation, quick fix, find, undo…): editor.api alone is bare.
import 'monaco-editor/esm/vs/editor/editor.all'
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker'
import { loader } from '@monaco-editor/react'
import { suppressMonacoCancellations } from './suppressCanceled'

// Monaco is bundled with the app: the loader must never reach for a CDN.
const scope = self as unknown as { MonacoEnvironment: monaco.Environment }
scope.MonacoEnvironment = { getWorker: () => new EditorWorker() }
loader.config({ monaco })
suppressMonacoCancellations()

export { monaco }
