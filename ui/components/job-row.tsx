import { describeFailure } from '../api/describe-error'
import { formatElapsed } from '../format'
import { stallText } from '../jobs/connection-status'
import { canCancel, isActive } from '../jobs/job-state'
import type { JobEntry } from '../jobs/runner'
import { plural } from '../requests/models'
import { StateBadge } from './state-badge'

interface JobRowProps {
  entry: JobEntry
  now: number
  onCancel: (key: string) => void
  onRetry: (key: string) => void
  /** Offered when the failure is about the connection or token. */
  onOpenSettings?: () => void
}

const SETTINGS_CODES = new Set(['unauthorized', 'not_connected', 'network_error', 'bad_response', 'html_response'])

/** One job: what it is, its state and elapsed time, its error in plain words, and what can be done about it. */
export function JobRow({ entry, now, onCancel, onRetry, onOpenSettings }: JobRowProps) {
  const elapsed = (entry.endedAt ?? now) - entry.startedAt
  const error = entry.failure && entry.state === 'failed' ? describeFailure(entry.failure) : null
  const stall = isActive(entry.state) ? entry.stall : null
  const retryIn = stall?.retryAt ? Math.max(0, Math.ceil((stall.retryAt - now) / 1000)) : null
  return (
    <li class="job" data-testid="job-row" data-state={entry.state} data-job-id={entry.jobId ?? undefined}>
      <div class="job-main">
        <p class="job-label" title={entry.spec.label}>
          {entry.spec.label || 'Untitled'}
        </p>
        <p class="job-detail">
          {entry.spec.detail}
          {entry.steps > 1 && isActive(entry.state) ? ` · pass ${entry.step + 1} of ${entry.steps}` : ''}
          {entry.state === 'placing' && entry.total !== null && entry.total > 1 ? ` · ${entry.placed.length} of ${entry.total} placed` : ''}
        </p>
        {stall && (
          <p class={`job-stall job-stall-${stall.kind}`} data-testid="job-stall" data-kind={stall.kind} role="status">
            {stallText(stall.kind)}
            {retryIn !== null && retryIn > 0 ? ` (next try in ${retryIn}\u00a0s)` : ''}
            <span class="job-error-detail"> {stall.failure.message}</span>
          </p>
        )}
        {error && (
          <p class="job-error" data-testid="job-error" role="alert">
            {error.title}
            {error.detail && <span class="job-error-detail"> {error.detail}</span>}
          </p>
        )}
        {entry.state === 'done' && entry.result && <p class="job-note">{resultText(entry)}</p>}
      </div>
      <div class="job-side">
        <div class="job-status">
          <span class="job-time" title="Elapsed">
            {formatElapsed(elapsed)}
          </span>
          <StateBadge state={entry.state} />
        </div>
        <div class="job-actions">
          {canCancel(entry.state) && (
            <button type="button" class="btn btn-small btn-ghost" onClick={() => onCancel(entry.key)}>
              Cancel
            </button>
          )}
          {!isActive(entry.state) && entry.state !== 'done' && entry.canRetry && (
            <button type="button" class="btn btn-small" onClick={() => onRetry(entry.key)}>
              Retry
            </button>
          )}
          {((error && SETTINGS_CODES.has(error.code)) || stall?.kind === 'auth') && onOpenSettings && (
            <button type="button" class="btn btn-small btn-ghost" onClick={onOpenSettings}>
              Settings
            </button>
          )}
        </div>
      </div>
    </li>
  )
}

function resultText(entry: JobEntry): string {
  const result = entry.result!
  const placed = plural(result.placedNodeIds.length, 'image') + ' placed'
  if (result.skipped.length === 0) return placed
  return `${placed}; ${plural(result.skipped.length, 'target')} skipped (${result.skipped[0].reason})`
}
