import { sleep } from './ids'

/**
 * `sleep`, cut short when the browser reports the network back (`online`): a job waiting out a lost connection
 * tries again the moment the Wi-Fi returns instead of at the end of its backoff.
 */
export function sleepUntilOnline(ms: number, signal: AbortSignal): Promise<void> {
  const early = new AbortController()
  const wake = () => early.abort()
  const stop = () => early.abort()
  window.addEventListener('online', wake, { once: true })
  signal.addEventListener('abort', stop, { once: true })
  return sleep(ms, early.signal)
    .catch((error: unknown) => {
      if (signal.aborted) throw error
    })
    .finally(() => {
      window.removeEventListener('online', wake)
      signal.removeEventListener('abort', stop)
    })
}
