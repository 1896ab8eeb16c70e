import type { JobCost } from '../../shared/api/schemas'
import type { ProviderFailure, TaskState } from './provider'
import { plainText, POLICY_WORDS } from './seller-http'

/** The run answer: `{jobId, status, statusUrl, creditCost, creditsRemaining, expiresAt}`. */
export function parsePixelDojoRun(body: unknown): { jobId: string; creditCost: number | null; creditsRemaining: number | null } | null {
  const b = (body ?? {}) as Record<string, unknown>
  if (typeof b.jobId !== 'string' || !b.jobId) return null
  return { jobId: b.jobId, creditCost: finite(b.creditCost), creditsRemaining: finite(b.creditsRemaining) }
}

/** A job poll answer: pending / processing / completed (`output.images`, URLs) / failed (`error`). */
export function pixelDojoJobState(body: unknown): TaskState | null {
  const b = (body ?? {}) as { status?: unknown; output?: { images?: unknown }; error?: unknown; creditCost?: unknown }
  switch (b.status) {
    case 'pending':
    case 'queued':
      return { state: 'queued' }
    case 'processing':
    case 'running':
      return { state: 'running' }
    case 'completed': {
      const images = Array.isArray(b.output?.images) ? b.output.images.filter((url): url is string => typeof url === 'string' && /^https?:\/\//.test(url)) : []
      if (images.length === 0) return { state: 'failed', reason: 'bad_response', message: 'PixelDojo reported success but returned no images.' }
      return { state: 'succeeded', images: images.map((url, index) => ({ index, url })), cost: pixelDojoCost(b.creditCost) }
    }
    case 'failed': {
      const said = plainText(typeof b.error === 'string' ? b.error : (b.error as { message?: unknown } | null)?.message)
      return {
        state: 'failed',
        reason: POLICY_WORDS.test(said) ? 'content_rejected' : 'task_failed',
        message: `PixelDojo could not generate this image${said ? `: ${said}` : ''}.`,
      }
    }
    default:
      return null
  }
}

/** `creditCost` as our job cost. */
export function pixelDojoCost(creditCost: unknown): JobCost | null {
  const amount = finite(creditCost)
  return amount === null ? null : { amount, unit: 'credits' }
}

/**
 * PixelDojo's error table (400 invalid_request, 401 unauthorized, 402 insufficient_credits, 404 model_not_found,
 * 429 rate_limited, 500 internal_error) as our failures. The body is `{error, code}`; `error` may be a string or
 * an object with a message.
 */
export function pixelDojoFailure(status: number, body: unknown): { reason: ProviderFailure; message: string } {
  const b = (body ?? {}) as { error?: unknown; code?: unknown; message?: unknown }
  const message = plainText(typeof b.error === 'string' ? b.error : ((b.error as { message?: unknown } | null)?.message ?? b.message))
  const code = typeof b.code === 'string' ? b.code : (b.error as { code?: unknown } | null)?.code
  let reason: ProviderFailure
  if (status === 401 || code === 'unauthorized') reason = 'auth'
  else if (status === 402 || code === 'insufficient_credits') reason = 'insufficient_credits'
  else if (status === 429 || code === 'rate_limited' || status >= 500) reason = 'unavailable'
  else if (POLICY_WORDS.test(message)) reason = 'content_rejected'
  else if (status === 400 || status === 404) reason = 'rejected_request'
  else reason = 'bad_response'
  return { reason, message }
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}
