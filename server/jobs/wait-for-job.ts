import { jobChangeCount, waitForJobChange } from './job-changes'
import type { JobDeps } from './job-deps'
import { isTerminal, type JobRow } from './job-row'
import { refreshJobAsync } from './refresh'
import { getJobAsync } from './repository'
import { watchJobAsync } from './transitions'

/**
 * How often a waiting request re-reads D1 when nothing changed in this isolate: the fallback for a completion
 * driven by a callback that another isolate handled.
 */
const REREAD_MS = 100
/** The cron sweep leaves a job alone this long after a client last asked for it. */
const WATCH_GRACE_MS = 5_000

/**
 * The owner's job, refreshed from upstream if it is due, and with `waitSeconds` > 0 held until it finishes or the
 * time is up. Null when the job does not exist or is another owner's.
 */
export async function waitForJobAsync(deps: JobDeps, id: string, owner: string, waitSeconds: number): Promise<JobRow | null> {
  const until = Date.now() + waitSeconds * 1000
  let row = await getJobAsync(deps.db, id, owner)
  if (!row || isTerminal(row.status)) return row
  await watchJobAsync(deps.db, id, until + WATCH_GRACE_MS)
  for (;;) {
    const seen = jobChangeCount(id)
    const now = Date.now()
    if (row.poll_after <= now && row.lease_until <= now) {
      await refreshJobAsync(deps, id)
      row = (await getJobAsync(deps.db, id, owner)) ?? row
      if (isTerminal(row.status) || Date.now() >= until) return row
      // A callback that arrived during our own refresh made the job due again: read it now, not after a nap.
      if (row.poll_after <= Date.now() && row.lease_until <= Date.now()) continue
    }
    if (isTerminal(row.status) || Date.now() >= until) return row
    await waitForJobChange(id, seen, Math.min(REREAD_MS, until - Date.now()))
    row = (await getJobAsync(deps.db, id, owner)) ?? row
    if (isTerminal(row.status)) return row
  }
}
