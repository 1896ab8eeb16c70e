import { LATE_WEBHOOK_MS } from './seller-chaos'
import type { SellerContext } from './seller-context'
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

/** A task's webhook as the seller delivers it: once, or in chaos mode lost, late or twice. */
export function deliverWebhook(ctx: SellerContext, url: string, taskId: string, body: unknown): void {
  const send = () => sendWebhook(url, taskId, body, (entry) => ctx.stats.webhook(entry), ctx.log)
  const chaos = ctx.chaos?.pick('webhook')?.kind ?? null
  if (chaos === 'webhook_lost') {
    ctx.stats.webhook({ url, task_id: taskId, status: null, error: 'lost (chaos)', at: Date.now() })
    return ctx.log(`webhook ${taskId} lost (chaos)`)
  }
  if (chaos === 'webhook_late') return void setTimeout(send, LATE_WEBHOOK_MS)
  send()
  if (chaos === 'webhook_twice') send()
}
