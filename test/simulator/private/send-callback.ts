import type { CallbackRecord } from './sim-stats'

/** Kling documents no timeout or retry for callbacks; a short one keeps a dead receiver from piling up sockets. */
const CALLBACK_TIMEOUT_MS = 3000

/**
 * POSTs a callback body as JSON, once, fire-and-forget: the result (or failure) goes to `record`, never to the
 * caller, so a broken receiver cannot affect the task or crash the simulator.
 */
export function sendCallback(
  url: string,
  body: { task_id: string; task_status: string },
  record: (entry: CallbackRecord) => void,
  log: (line: string) => void,
): void {
  const base = { url, task_id: body.task_id, task_status: body.task_status, at: Date.now() }
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
  })
    .then(async (response) => {
      await response.arrayBuffer().catch(() => undefined)
      record({ ...base, status: response.status, error: null })
      if (!response.ok) log(`callback ${body.task_id} ${body.task_status} → ${url}: HTTP ${response.status}`)
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error)
      record({ ...base, status: null, error: message })
      log(`callback ${body.task_id} ${body.task_status} → ${url} failed: ${message}`)
    })
}
