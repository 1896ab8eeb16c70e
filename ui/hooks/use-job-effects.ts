import { useEffect, useRef } from 'preact/hooks'
import { describeFailure } from '../api/describe-error'
import type { Bridge } from '../bridge'
import type { JobEntry } from '../jobs/runner'

/** Jobs of one batch finish within moments of each other: refresh the budget once after the last of them. */
const BUDGET_REFRESH_DELAY_MS = 600

/**
 * What finishing jobs change outside the jobs list: the budget shown in the status bar is fetched again after
 * images were made, and a failure is also told on the canvas (the panel may be on another tab, or small).
 */
export function useJobEffects(bridge: Bridge, jobs: readonly JobEntry[], reloadCapabilities: () => void): void {
  const seen = useRef(new Map<string, string>())
  const budgetTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(budgetTimer.current), [])
  useEffect(() => {
    let finished = false
    for (const job of jobs) {
      const before = seen.current.get(job.key)
      if (before === job.state) continue
      seen.current.set(job.key, job.state)
      if (job.state === 'done') finished = true
      if (job.state === 'failed' && job.failure) {
        const { title } = describeFailure(job.failure)
        // The notify endpoint shortens it to what Figma shows, at a word boundary.
        bridge.call('notify', { message: title, error: true }).catch(() => undefined)
      }
    }
    if (finished) {
      clearTimeout(budgetTimer.current)
      budgetTimer.current = setTimeout(reloadCapabilities, BUDGET_REFRESH_DELAY_MS)
    }
  }, [jobs, bridge, reloadCapabilities])
}
