import type { ProviderFailure, TaskState } from './provider'
import { plainText, POLICY_WORDS } from './seller-http'

/** apimodels' envelope `{code, msg, data}`; `code` mirrors the HTTP status (200 = success). */
export interface ApimodelsEnvelope {
  code: number | null
  msg: string
  data: Record<string, unknown> | null
}

export function parseApimodelsEnvelope(body: unknown): ApimodelsEnvelope {
  const b = (body ?? {}) as { code?: unknown; msg?: unknown; data?: unknown }
  const code = typeof b.code === 'number' ? b.code : typeof b.code === 'string' && /^\d+$/.test(b.code) ? Number(b.code) : null
  const data = typeof b.data === 'object' && b.data !== null && !Array.isArray(b.data) ? (b.data as Record<string, unknown>) : null
  return { code, msg: plainText(b.msg), data }
}

/** `data.taskId` of a create answer or a callback. */
export function apimodelsTaskId(envelope: ApimodelsEnvelope): string | null {
  const id = envelope.data?.taskId
  return typeof id === 'string' && id ? id : null
}

/** A task (`data` of a query): pending / processing / completed (`resultUrls`) / failed (`failMsg`). */
export function apimodelsTaskState(data: Record<string, unknown> | null): TaskState | null {
  switch (data?.state) {
    case 'pending':
      return { state: 'queued' }
    case 'processing':
      return { state: 'running' }
    case 'completed': {
      const urls = Array.isArray(data.resultUrls) ? data.resultUrls.filter((url): url is string => typeof url === 'string' && /^https?:\/\//.test(url)) : []
      if (urls.length === 0) return { state: 'failed', reason: 'bad_response', message: 'apimodels.app reported success but returned no images.' }
      return { state: 'succeeded', images: urls.map((url, index) => ({ index, url })) }
    }
    case 'failed': {
      const said = plainText(data.failMsg)
      return {
        state: 'failed',
        reason: POLICY_WORDS.test(said) ? 'content_rejected' : 'task_failed',
        message: `apimodels.app could not generate this image${said ? `: ${said}` : ''}.`,
      }
    }
    default:
      return null
  }
}

/** apimodels' error codes (400, 401, 402, 404, 429, 500) as our failures; `msg` names the field for a 400. */
export function apimodelsFailure(status: number, envelope: ApimodelsEnvelope): { reason: ProviderFailure; message: string } {
  const code = envelope.code !== null && envelope.code !== 200 ? envelope.code : status
  let reason: ProviderFailure
  if (code === 401 || code === 403) reason = 'auth'
  else if (code === 402) reason = 'insufficient_credits'
  else if (code === 429 || code >= 500) reason = 'unavailable'
  else if (POLICY_WORDS.test(envelope.msg)) reason = 'content_rejected'
  else if (code === 400 || code === 404) reason = 'rejected_request'
  else reason = 'bad_response'
  return { reason, message: envelope.msg }
}
