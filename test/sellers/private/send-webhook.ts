import type { WebhookRecord } from './seller-stats'

const WEBHOOK_TIMEOUT_MS = 3000

/** POSTs a webhook body once, fire-and-forget; the outcome goes to `record`, never to the task. */
export function sendWebhook(url: string, taskId: string, body: unknown, record: (entry: WebhookRecord) => void, log: (line: string) => void): void {
  const at = Date.now()
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) })
    .then(async (response) => {
      await response.arrayBuffer().catch(() => undefined)
      record({ url, task_id: taskId, status: response.status, error: null, at })
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      record({ url, task_id: taskId, status: null, error: message, at })
      log(`webhook ${taskId} → ${url} failed: ${message}`)
    })
}
