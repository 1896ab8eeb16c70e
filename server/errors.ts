import { ERROR_STATUS, type ErrorCode } from '../shared/api/enums'
import type { FieldIssue } from '../shared/api/schemas'

/**
 * An error the API answers on purpose: the one `onError` (index.ts) turns it into the JSON envelope
 * `{error: {code, message, details?}}` with the status the contract fixes for `code`.
 */
export class ApiError extends Error {
  readonly status: (typeof ERROR_STATUS)[ErrorCode]

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { details?: FieldIssue[]; retryAfter?: number } = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = ERROR_STATUS[code]
  }
}

/** The 404 used for unknown jobs and other owners' jobs alike, so existence is never revealed. */
export const jobNotFound = () => new ApiError('not_found', 'No job with this id.')
