import type { ProviderFailure } from './provider'

/** What to do about a Kling envelope `code` (kling-upstream.md §5). */
export type KlingCodeAction =
  | { action: 'ok' }
  /** 1003 (not yet valid: clock skew) or 1004 (expired): re-sign and try once more. */
  | { action: 'resign' }
  /** Rate or concurrency limit, or a transient server error: retry with bounded backoff. */
  | { action: 'retry'; serverError: boolean }
  | { action: 'fail'; reason: ProviderFailure }

/**
 * Decides on the envelope `code`, never on the HTTP status: Kling answers 429 both for "slow down" (1302/1303,
 * retry) and for "out of credits" (1100–1102, never retry). A missing code falls back to the HTTP status.
 */
export function klingCodeAction(code: number | null, httpStatus: number): KlingCodeAction {
  if (code === 0) return { action: 'ok' }
  if (code === 1003 || code === 1004) return { action: 'resign' }
  if (code !== null) {
    if (code >= 1000 && code <= 1002) return { action: 'fail', reason: 'auth' }
    // 1304: the account's IP allow-list refuses us; only the operator can fix it.
    if (code === 1304) return { action: 'fail', reason: 'auth' }
    if (code >= 1100 && code <= 1102) return { action: 'fail', reason: 'insufficient_credits' }
    if (code === 1103 || (code >= 1200 && code <= 1203)) return { action: 'fail', reason: 'rejected_request' }
    if (code === 1300 || code === 1301) return { action: 'fail', reason: 'content_rejected' }
    if (code === 1302 || code === 1303) return { action: 'retry', serverError: false }
    if (code >= 5000 && code <= 5002) return { action: 'retry', serverError: true }
  }
  // No envelope: a bare 429 or 5xx (a proxy or load balancer in front of Kling) is transient.
  if (httpStatus === 429) return { action: 'retry', serverError: false }
  if (httpStatus >= 500) return { action: 'retry', serverError: true }
  if (httpStatus === 401) return { action: 'fail', reason: 'auth' }
  return { action: 'fail', reason: 'bad_response' }
}

/** Kling's `code` as a number; some proxies send `"0"` or `0.0` (kling-upstream.md §10.8). */
export function normaliseKlingCode(raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return Math.trunc(raw)
  if (typeof raw === 'string' && /^\s*-?\d+(\.0+)?\s*$/.test(raw)) return Math.trunc(Number(raw))
  return null
}

/** The retry budget for 1302/1303/5000–5002 and lost connections. */
export const KLING_RETRY = { attempts: 3, baseMs: 400, capMs: 3000 } as const

/** Exponential backoff with jitter: attempt 0 → ~0.2–0.4 s, 1 → ~0.4–0.8 s, capped. */
export function klingBackoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(KLING_RETRY.capMs, KLING_RETRY.baseMs * 2 ** attempt)
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
