import { logEvent } from '../log'
import { failOverdueJobsAsync } from './deadline'
import { purgeEndedInputsAsync } from './end-job'
import { purgeExpiredKeysAsync } from './idempotency'
import type { JobDeps } from './job-deps'
import { refreshJobAsync } from './refresh'
import { unwatchedDueJobIdsAsync } from './repository'

/** Jobs refreshed per cron run; bounds the run's subrequests (one read, then up to n image downloads each). */
const BATCH = 10

/**
 * The cron sweep (every minute): fails jobs past their deadline, then refreshes unfinished jobs that no client is
 * polling, so a job completes (and a lost submission is resubmitted) even when the plugin was closed.
 */
export async function sweepAsync(deps: JobDeps): Promise<void> {
  const now = Date.now()
  const timedOut = await failOverdueJobsAsync(deps.db, now)
  await purgeExpiredKeysAsync(deps.db, now)
  const ids = await unwatchedDueJobIdsAsync(deps.db, now, BATCH)
  for (const id of ids) {
    try {
      await refreshJobAsync(deps, id)
    } catch (error) {
      logEvent('error', 'sweep_refresh_failed', { job_id: id, error: error instanceof Error ? error.name : 'unknown' })
    }
  }
  const purged = await purgeEndedInputsAsync(deps)
  if (timedOut || ids.length || purged) logEvent('info', 'sweep', { timed_out: timedOut, refreshed: ids.length, inputs_purged: purged })
}
