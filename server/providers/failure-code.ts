import type { ErrorCode, JobErrorCode } from '../../shared/api/enums'
import type { ProviderFailure } from './provider'

/**
 * The public code for a provider failure, used both as the HTTP error (when it happens during a request) and as
 * `job.error.code` (when it happens to a job in flight).
 */
export function failureCode(reason: ProviderFailure): ErrorCode & JobErrorCode {
  switch (reason) {
    case 'insufficient_credits':
    case 'content_rejected':
      return reason
    case 'unavailable':
    case 'at_capacity':
    case 'auth':
      return 'upstream_unavailable'
    default:
      // rejected_request (we sent something Kling calls invalid), bad_response, task_failed.
      return 'upstream_error'
  }
}
