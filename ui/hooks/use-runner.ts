import { useEffect, useMemo, useRef } from 'preact/hooks'
import type { ApiClient } from '../api/client'
import type { Bridge } from '../bridge'
import { newId } from '../ids'
import { bytesToBase64 } from '../images/base64'
import { prepareImage } from '../images/prepare'
import type { JobRunner } from '../jobs/runner'
import { StampingRunner } from '../jobs/stamping-runner'
import { sleepUntilOnline } from '../sleep-until-online'

/** Jobs that may run at once when the setting is missing. */
export const DEFAULT_CONCURRENCY = 6

/**
 * The panel's one job runner. It reads the current client and concurrency through refs, so a settings change
 * applies to the next request without restarting running jobs (jobs waiting for a new token wake up). Jobs left
 * by a previous session are resumed as soon as a backend is configured. Retries wait less when the network is back.
 */
export function useRunner(
  bridge: Bridge,
  api: ApiClient | null,
  concurrency: number | undefined,
  selectionIds: () => string[] | null,
): JobRunner {
  const apiRef = useRef(api)
  apiRef.current = api
  const concurrencyRef = useRef(concurrency ?? DEFAULT_CONCURRENCY)
  concurrencyRef.current = concurrency ?? DEFAULT_CONCURRENCY

  const selectionRef = useRef(selectionIds)
  selectionRef.current = selectionIds

  const runner = useMemo(
    () =>
      new StampingRunner({
        api: () => apiRef.current,
        place: (request) => bridge.call('place', request),
        savePending: (update) => bridge.call('savePendingJobs', update),
        prepare: (image, options) => prepareImage(image, options),
        toBase64: bytesToBase64,
        newId,
        now: Date.now,
        sleep: sleepUntilOnline,
        concurrency: () => concurrencyRef.current,
      }, () => selectionRef.current()),
    [bridge],
  )

  // New settings (a new token, say): jobs held up by a refused token carry on with the new client.
  useEffect(() => {
    if (api) runner.reconnect()
  }, [api, runner])

  const resumed = useRef(false)
  useEffect(() => {
    if (!api || resumed.current) return
    resumed.current = true
    bridge
      .call('loadPendingJobs')
      .then((pending) => runner.resume(pending))
      .catch(() => runner.resume([]))
  }, [api, bridge, runner])

  return runner
}
