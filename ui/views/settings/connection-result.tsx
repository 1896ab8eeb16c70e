import type { ConnectionReport } from '../../api/test-connection'
import { Notice } from '../../components/notice'
import { providerName } from '../../components/status-bar'
import { formatWhen } from '../../format'
import { plural } from '../../requests/models'

/** The outcome of "Test connection": provider and budget, or what went wrong. */
export function ConnectionResult({ report, testing }: { report: ConnectionReport | null; testing: boolean }) {
  if (testing) return <p class="fine-print" role="status">Testing…</p>
  if (!report) return null
  if (!report.ok) {
    return (
      <Notice tone="error" title={report.title} testId="connection-result">
        {report.detail}
      </Notice>
    )
  }
  const { health, caps } = report
  const { budget } = caps
  return (
    <Notice tone="success" title={`Connected to ${providerName(caps.provider)}`} testId="connection-result">
      {plural(budget.remaining_today, 'image')} of {budget.daily_limit} left today (resets {formatWhen(budget.resets_at)}).{' '}
      {plural(caps.models.length, 'model')}: {caps.models.map((m) => m.label).join(', ')}. Backend {health.version}.
    </Notice>
  )
}
