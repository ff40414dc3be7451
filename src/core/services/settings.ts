import type { Handlers } from '../../shared/api'
import { readSettings, writeSettings } from '../store/queries/settings'
import type { ServiceContext } from './context'

export function settingsHandlers(ctx: ServiceContext): Pick<Handlers, 'getSettings' | 'updateSettings'> {
  return {
    getSettings: () => readSettings(ctx.db),
    updateSettings: (patch) => writeSettings(ctx.db, patch)
  }
}
