import { useEffect, useRef } from 'preact/hooks'
import type { Bridge } from '../bridge'
import { batchNotice } from '../jobs/batch-notice'
import { isActive } from '../jobs/job-state'
import type { JobEntry } from '../jobs/runner'

/** Jobs of one batch finish within moments of each other: refresh the budget once after the last of them. */
const BUDGET_REFRESH_DELAY_MS = 600
/** Jobs resumed from a previous session have no batch of their own: they are reported together. */
const RESUMED = 'resumed'

/**
 * What finishing jobs change outside the jobs list: the budget shown in the status bar is fetched again after
 * images were made, and each batch of jobs (one click's) is told on the canvas in one notification once all of
 * its jobs have ended, failures included (they also stay in the panel's job list and status bar).
 */
export function useJobEffects(bridge: Bridge, jobs: readonly JobEntry[], reloadCapabilities: () => void): void {
  const seen = useRef(new Map<string, string>())
  /** For each batch, when its last told job ended. */
  const told = useRef(new Map<string, number>())
  const budgetTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(budgetTimer.current), [])
  useEffect(() => {
    let finished = false
    for (const job of jobs) {
      if (seen.current.get(job.key) === job.state) continue
      seen.current.set(job.key, job.state)
      if (job.state === 'done') finished = true
    }
    if (finished) {
      clearTimeout(budgetTimer.current)
      budgetTimer.current = setTimeout(reloadCapabilities, BUDGET_REFRESH_DELAY_MS)
    }
    const batches = new Map<string, JobEntry[]>()
    for (const job of jobs) {
      const batch = job.spec.batch ?? RESUMED
      batches.set(batch, [...(batches.get(batch) ?? []), job])
    }
    for (const [batch, entries] of batches) {
      if (entries.some((e) => isActive(e.state))) continue
      // Told once each time the batch ends; after a retry only what ended since is news.
      const since = told.current.get(batch) ?? -Infinity
      const ended = entries.filter((e) => e.endedAt !== null && e.endedAt > since)
      if (ended.length === 0) continue
      told.current.set(batch, Math.max(...ended.map((e) => e.endedAt!)))
      const notice = batchNotice(ended)
      if (notice) bridge.call('notify', notice.show.length ? notice : { message: notice.message, error: notice.error }).catch(() => undefined)
    }
  }, [jobs, bridge, reloadCapabilities])
}
