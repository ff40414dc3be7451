/// <reference types="vite/client" />

// Monaco's Simplified Chinese strings: a script that fills globalThis._VSCODE_NLS_MESSAGES.
declare module 'monaco-editor/esm/nls.messages.zh-cn.js'
