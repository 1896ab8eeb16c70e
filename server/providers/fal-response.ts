import type { ProviderFailure, TaskState } from './provider'
import { plainText, POLICY_WORDS } from './seller-http'

/** What we keep of a fal request: its id and the URLs its submit returned, followed exactly as given. */
export interface FalTaskRef {
  request_id: string
  status_url?: string
  response_url?: string
  /** For a request adopted from its webhook: the outcome the webhook carried (there is no status URL to re-read). */
  outcome?: TaskState
}

/** The task id we store for a fal request: its queue URLs travel with it (never rebuilt from the base). */
export function falTaskId(ref: FalTaskRef): string {
  return JSON.stringify(ref)
}

export function parseFalTaskId(taskId: string): FalTaskRef | null {
  try {
    const ref = JSON.parse(taskId) as FalTaskRef
    return typeof ref?.request_id === 'string' ? ref : null
  } catch {
    return null
  }
}

/**
 * The submit answer: `{request_id, status_url, response_url, ...}`; null when any of them is missing, or when a URL
 * leaves fal's site. The Worker sends FAL_KEY to these URLs, so they must be on the queue base's host or a sibling
 * under the same domain (queue.fal.run → *.fal.run), never somewhere an altered answer points.
 */
export function parseFalSubmit(body: unknown, base: string): Required<Omit<FalTaskRef, 'outcome'>> | null {
  const b = (body ?? {}) as Record<string, unknown>
  const { request_id, status_url, response_url } = b
  if (typeof request_id !== 'string' || !request_id || !isHttpUrl(status_url) || !isHttpUrl(response_url)) return null
  if (!sameSite(status_url, base) || !sameSite(response_url, base)) return null
  return { request_id, status_url, response_url }
}

/** Same scheme, and the same host or the same last two host labels (the port may differ). */
function sameSite(url: string, base: string): boolean {
  try {
    const a = new URL(url)
    const b = new URL(base)
    if (a.protocol !== b.protocol || a.username || a.password) return false
    if (a.hostname === b.hostname) return true
    const site = (host: string) => host.split('.').slice(-2).join('.')
    return !/^[\d.]+$|^\[/.test(b.hostname) && b.hostname.includes('.') && site(a.hostname) === site(b.hostname)
  } catch {
    return false
  }
}

/** A status answer's `status`: IN_QUEUE, IN_PROGRESS or COMPLETED (null when it is none of them). */
export function parseFalStatus(body: unknown): 'queued' | 'running' | 'completed' | null {
  const status = (body as { status?: unknown } | null)?.status
  if (status === 'IN_QUEUE') return 'queued'
  if (status === 'IN_PROGRESS') return 'running'
  if (status === 'COMPLETED') return 'completed'
  return null
}

/** The result (`{images: [{url, ...}]}`) or a webhook's payload, as a task state. */
export function falResultState(body: unknown): TaskState {
  const images = (body as { images?: unknown } | null)?.images
  const urls = Array.isArray(images) ? images.map((image) => (image as { url?: unknown } | null)?.url).filter(isHttpUrl) : []
  if (urls.length === 0) return { state: 'failed', reason: 'bad_response', message: 'fal.ai reported success but returned no images.' }
  return { state: 'succeeded', images: urls.map((url, index) => ({ index, url })) }
}

/**
 * fal's error body in plain words. Validation errors are `{detail: [{loc: ["body", "field"], msg, type}]}`: each
 * becomes "field: msg". Other errors carry `detail` as a string.
 */
export function falErrorMessage(body: unknown): string {
  const detail = (body as { detail?: unknown } | null)?.detail
  if (typeof detail === 'string') return plainText(detail)
  if (Array.isArray(detail)) {
    return plainText(
      detail
        .map((item) => {
          const entry = (item ?? {}) as { loc?: unknown; msg?: unknown }
          const loc = Array.isArray(entry.loc) ? entry.loc.filter((part) => part !== 'body').join('.') : ''
          const msg = plainText(entry.msg)
          return loc ? `${loc}: ${msg}` : msg
        })
        .join('; '),
    )
  }
  return ''
}

/** Whether any detail entry is a content-policy refusal. */
function isPolicy(body: unknown, message: string): boolean {
  const detail = (body as { detail?: unknown } | null)?.detail
  if (Array.isArray(detail) && detail.some((item) => /content_policy/.test(String((item as { type?: unknown } | null)?.type)))) return true
  return POLICY_WORDS.test(message)
}

/**
 * What a fal error answer means, and whether fal allows a retry: `X-Fal-Retryable` (older: `X-Fal-Needs-Retry`)
 * decides when present; without it, only 429 and 502–504 are retried.
 */
export function falFailure(status: number, headers: Headers, body: unknown): { reason: ProviderFailure; retryable: boolean; message: string } {
  const message = falErrorMessage(body)
  const hint = headers.get('x-fal-retryable') ?? headers.get('x-fal-needs-retry')
  const retryable = hint !== null ? /^(true|1)$/i.test(hint.trim()) : status === 429 || (status >= 502 && status <= 504)
  let reason: ProviderFailure
  if (status === 401) reason = 'auth'
  else if (status === 402 || (status === 403 && /balance|credit|locked|billing/i.test(message))) reason = 'insufficient_credits'
  else if (status === 403) reason = 'auth'
  else if (isPolicy(body, message)) reason = 'content_rejected'
  else if (status === 429 || status >= 500) reason = 'unavailable'
  else if (status >= 400) reason = 'rejected_request'
  else reason = 'bad_response'
  return { reason, retryable, message }
}

function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value)
}
