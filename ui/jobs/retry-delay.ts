import { ApiError } from '../api/api-error'

/** The longest pause between two tries: a designer whose Wi-Fi comes back should not wait long for the panel. */
export const MAX_RETRY_DELAY_MS = 10_000

/** 1 s, 2 s, 4 s, 8 s, then every 10 s; or what `Retry-After` asks, up to 30 s. Pure. */
export function retryDelayMs(attempt: number, error?: unknown): number {
  const retryAfter = error instanceof ApiError ? error.retryAfter : null
  if (retryAfter !== null) return Math.min(retryAfter, 30) * 1000
  return Math.min(1000 * 2 ** (Math.max(1, attempt) - 1), MAX_RETRY_DELAY_MS)
}
