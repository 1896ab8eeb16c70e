import { useMemo, useState } from 'preact/hooks'
import { ApiClient } from './api/client'
import { AppContext, type AppServices } from './app-context'
import type { BridgeHandle } from './bridge'
import { ResizeHandle } from './components/resize-handle'
import { StatusBar } from './components/status-bar'
import { Tabs } from './components/tabs'
import { useCapabilities } from './hooks/use-capabilities'
import { useCommands } from './hooks/use-commands'
import { useForms, type Forms } from './hooks/use-forms'
import { useJobEffects } from './hooks/use-job-effects'
import { useJobs } from './hooks/use-jobs'
import { useRunner } from './hooks/use-runner'
import { useSelection } from './hooks/use-selection'
import { useSettings } from './hooks/use-settings'
import { isActive } from './jobs/job-state'
import { TABS, type Route } from './routes'
import { ExpandView } from './views/expand/expand-view'
import { FillView } from './views/fill/fill-view'
import { GenerateView } from './views/generate/generate-view'
import { ImageView } from './views/image/image-view'
import { JobsView } from './views/jobs/jobs-view'
import { SettingsView } from './views/settings/settings-view'

/** The panel: services for every view, the tab bar, the current view and the status line. */
export function App({ handle }: { handle: BridgeHandle }) {
  const bridge = handle.client
  const { settings, save } = useSettings(bridge)
  const api = useMemo(
    () => (settings?.backendUrl && settings.token ? new ApiClient({ baseUrl: settings.backendUrl, token: settings.token }) : null),
    [settings?.backendUrl, settings?.token],
  )
  const capabilities = useCapabilities(api)
  const selection = useSelection(bridge)
  const runner = useRunner(bridge, api, settings?.concurrency, () => selection?.nodes.map((n) => n.id) ?? null)
  const jobs = useJobs(runner)
  useJobEffects(bridge, jobs, capabilities.reload)
  const [route, navigate] = useState<Route>(['generate'])
  const forms = useForms()

  const services: AppServices = {
    bridge,
    api,
    settings,
    saveSettings: save,
    capabilities,
    selection,
    runner,
    jobs,
    navigate,
  }
  useCommands(handle, services, forms)

  const active = jobs.filter((j) => isActive(j.state)).length
  const tabs = TABS.map((t) => (t.key === 'jobs' ? { ...t, badge: active } : t))
  return (
    <AppContext.Provider value={services}>
      <div class="app">
        <Tabs tabs={tabs} active={route[0]} onSelect={(key) => navigate([key] as Route)} idPrefix="kf" />
        <div class="panel" id="kf-panel" role="tabpanel" aria-labelledby={`kf-tab-${route[0]}`}>
          <Router route={route} forms={forms} />
        </div>
        <StatusBar />
        <ResizeHandle />
      </div>
    </AppContext.Provider>
  )
}

function Router({ route, forms }: { route: Route; forms: Forms }) {
  switch (route[0]) {
    case 'generate':
      return <GenerateView form={forms.generate} setForm={forms.setGenerate} />
    case 'image':
      return <ImageView form={forms.image} setForm={forms.setImage} />
    case 'expand':
      return <ExpandView prompt={forms.expandPrompt} setPrompt={forms.setExpandPrompt} />
    case 'fill':
      return <FillView prompt={forms.fillPrompt} setPrompt={forms.setFillPrompt} generate={forms.generate} />
    case 'jobs':
      return <JobsView onReuse={(prompt) => forms.setGenerate((f) => ({ ...f, prompt }))} />
    case 'settings':
      return <SettingsView reason={route[1]?.reason} />
  }
}
