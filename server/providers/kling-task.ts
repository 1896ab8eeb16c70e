import type { JobCost } from '../../shared/api/schemas'
import { ProviderError, type TaskState } from './provider'

/** Kling's risk-control wording, so a policy refusal that surfaces as a failed task reads as `content_rejected`. */
const POLICY_WORDS = /risk|policy|sensitive|inappropriate|safety|violat|prohibit|forbidden/i

/** Reads a task object (`data` of a query, or a callback body) into our neutral state (kling-upstream.md §3). */
export function parseKlingTask(data: unknown): TaskState & { taskId: string } {
  const task = (data ?? {}) as {
    task_id?: unknown
    task_status?: unknown
    task_status_msg?: unknown
    final_unit_deduction?: unknown
    task_result?: { images?: { index?: unknown; url?: unknown }[] }
  }
  if (typeof task.task_id !== 'string' || !task.task_id) {
    throw new ProviderError('bad_response', 'Kling answered a task query without a task id.')
  }
  const taskId = task.task_id
  switch (task.task_status) {
    case 'succeed': {
      const images = (Array.isArray(task.task_result?.images) ? task.task_result.images : [])
        .filter((image) => typeof image?.url === 'string' && image.url)
        .map((image, i) => ({ index: typeof image.index === 'number' ? image.index : i, url: image.url as string }))
        .sort((a, b) => a.index - b.index)
      if (images.length === 0) {
        return { taskId, state: 'failed', reason: 'bad_response', message: 'Kling reported success but returned no images.' }
      }
      return { taskId, state: 'succeeded', images, cost: klingCost(task.final_unit_deduction) }
    }
    case 'failed': {
      const message = plain(typeof task.task_status_msg === 'string' ? task.task_status_msg : '') || 'Kling could not generate this image.'
      return { taskId, state: 'failed', reason: POLICY_WORDS.test(message) ? 'content_rejected' : 'task_failed', message }
    }
    case 'submitted':
      return { taskId, state: 'queued' }
    default:
      // `processing`, and anything new or empty: keep polling (kling-upstream.md §3).
      return { taskId, state: 'running' }
  }
}

/** Kling's message as one short line of text, so an odd upstream answer never turns into a dump. */
export function plain(message: string): string {
  return message.replace(/\s+/g, ' ').trim().slice(0, 300)
}

/** Kling's `final_unit_deduction` (a string such as "8") as the job's cost; null when absent or not a number. */
export function klingCost(value: unknown): JobCost | null {
  const amount = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN
  return Number.isFinite(amount) && amount >= 0 ? { amount, unit: 'kling_units' } : null
}
