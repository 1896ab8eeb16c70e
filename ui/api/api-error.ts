import type { FieldIssue } from '../../shared/api/schemas'

/**
 * A failed backend call. `status` is the HTTP status, or 0 when no answer arrived (network down, DNS, CORS).
 * `code` is the contract's `error.code`, or one of the client's own: `network_error`, `bad_response`,
 * `html_response` (a web page from a proxy or captive portal), `broken_image` (downloaded bytes that are no whole image).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    /** Seconds from a `Retry-After` header, when the server sent one. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** True for the rejection of an aborted fetch or sleep (a user cancel), which is not an error to show. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}
