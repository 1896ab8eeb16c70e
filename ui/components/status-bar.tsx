import { useApp } from '../app-context'
import { connectionStatus } from '../jobs/connection-status'
import { isActive } from '../jobs/job-state'
import { plural } from '../requests/models'

/**
 * One line at the bottom: is the backend there, how much budget is left, and how many jobs run. While running jobs
 * are held up (connection lost, token refused) that comes first, because it is what the user is waiting on.
 */
export function StatusBar() {
  const { capabilities, api, settings, jobs, navigate } = useApp()
  const running = jobs.filter((j) => isActive(j.state)).length
  const failed = jobs.filter((j) => j.state === 'failed').length

  let tone = 'idle'
  let text = 'Loading settings…'
  // A refresh keeps showing the last known budget rather than flickering to "Connecting…".
  const caps = capabilities.caps
  if (settings && !api) [tone, text] = ['off', 'Not connected']
  else if (capabilities.status === 'error') [tone, text] = ['error', 'Connection problem']
  else if (caps) [tone, text] = ['ok', `${providerName(caps.provider)} · ${plural(caps.budget.remaining_today, 'image')} left today`]
  else if (capabilities.status === 'loading') [tone, text] = ['idle', 'Connecting…']
  const stalled = connectionStatus(jobs)
  if (stalled) [tone, text] = [stalled.kind === 'auth' ? 'error' : 'warning', stalled.text]

  return (
    <footer class="status" data-testid="status-bar">
      <button
        type="button"
        class={stalled ? `status-link status-${tone}` : 'status-link'}
        onClick={() => navigate(stalled?.kind === 'auth' ? ['settings', { reason: 'The backend refused your access token. Enter a new one and save: waiting jobs then carry on.' }] : ['settings'])}
        title="Connection settings"
        data-stall={stalled?.kind}
        aria-live="polite"
      >
        <span class={`dot dot-${tone}`} aria-hidden="true" />
        {text}
      </button>
      {(running > 0 || failed > 0) && (
        <button type="button" class="status-link" onClick={() => navigate(['jobs'])}>
          {running > 0 && `${running} running`}
          {running > 0 && failed > 0 && ' · '}
          {failed > 0 && <span class="text-danger">{failed} failed</span>}
        </button>
      )}
    </footer>
  )
}

export function providerName(provider: string): string {
  const names: Record<string, string> = { kling: 'Kling', fal: 'fal.ai', pixeldojo: 'PixelDojo', apimodels: 'apimodels.app' }
  return names[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1)
}
