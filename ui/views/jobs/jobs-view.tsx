import { useEffect, useRef } from 'preact/hooks'
import { useApp } from '../../app-context'
import { EmptyState } from '../../components/empty-state'
import { JobRow } from '../../components/job-row'
import { Notice } from '../../components/notice'
import { useHistory } from '../../hooks/use-history'
import { useNow } from '../../hooks/use-now'
import { isActive } from '../../jobs/job-state'
import { HistoryList } from './history-list'

/** This session's jobs (live, cancellable, retryable), then the backend's history. */
export function JobsView({ onReuse }: { onReuse: (prompt: string) => void }) {
  const { jobs, runner, api, navigate } = useApp()
  const now = useNow(jobs.some((j) => isActive(j.state)))
  const history = useHistory(api)
  const finished = jobs.some((j) => !isActive(j.state))
  // A job that just finished belongs at the top of the history too.
  const done = jobs.filter((j) => j.state === 'done').length
  const seen = useRef(done)
  useEffect(() => {
    if (done > seen.current) void history.refresh()
    seen.current = done
  }, [done])

  return (
    <div class="view">
      <div class="view-body">
        <section aria-labelledby="jobs-now">
          <div class="section-head">
            <h2 class="section-title" id="jobs-now">
              This session
            </h2>
            {finished && (
              <button type="button" class="link" onClick={() => runner.clearFinished()}>
                Clear finished
              </button>
            )}
          </div>
          {jobs.length ? (
            <ul class="list list-cards" aria-label="Jobs">
              {jobs.map((entry) => (
                <JobRow
                  key={entry.key}
                  entry={entry}
                  now={now}
                  onCancel={(key) => runner.cancel(key)}
                  onRetry={(key) => runner.retry(key)}
                  onOpenSettings={() => navigate(['settings'])}
                />
              ))}
            </ul>
          ) : (
            <EmptyState title="No jobs yet" testId="jobs-empty">
              Select frames to fill them, or generate into new frames. Jobs show up here while they run.
            </EmptyState>
          )}
        </section>
        <section aria-labelledby="jobs-history">
          <div class="section-head">
            <h2 class="section-title" id="jobs-history">
              History
            </h2>
            {api && (
              <button type="button" class="link" onClick={history.refresh} disabled={history.loading}>
                Refresh
              </button>
            )}
          </div>
          {!api ? (
            <p class="fine-print">Connect to a backend to see past jobs.</p>
          ) : history.error ? (
            <Notice tone="error" title={history.error.title} action={{ label: 'Retry', onClick: history.refresh }}>
              {history.error.detail}
            </Notice>
          ) : history.jobs.length ? (
            <HistoryList
              jobs={history.jobs}
              api={api}
              onReuse={(prompt) => {
                onReuse(prompt)
                navigate(['generate'])
              }}
            />
          ) : (
            <p class="fine-print">{history.loading ? 'Loading…' : 'Nothing yet.'}</p>
          )}
          {history.hasMore && (
            <button type="button" class="btn btn-small btn-block" onClick={history.loadMore} disabled={history.loading}>
              Load more
            </button>
          )}
        </section>
      </div>
    </div>
  )
}
