import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { Settings, SelectionState } from '../shared/protocol/messages'
import type { ApiClient } from './api/client'
import type { Bridge } from './bridge'
import type { useCapabilities } from './hooks/use-capabilities'
import type { JobEntry, JobRunner } from './jobs/runner'
import type { Route } from './routes'

/** What every view may use. Provided once by App. */
export interface AppServices {
  bridge: Bridge
  api: ApiClient | null
  settings: Settings | null
  saveSettings: (settings: Settings) => Promise<void>
  capabilities: ReturnType<typeof useCapabilities>
  selection: SelectionState | null
  runner: JobRunner
  jobs: readonly JobEntry[]
  navigate: (route: Route) => void
}

export const AppContext = createContext<AppServices | null>(null)

export function useApp(): AppServices {
  const services = useContext(AppContext)
  if (!services) throw new Error('useApp outside <App>')
  return services
}
