import { ApiError } from '../errors'
import type { OwnerFailure } from './owner-object'

/** An owner object's failure (data, as it crossed RPC) as the error the API answers. */
export function apiErrorOf(failure: OwnerFailure): ApiError {
  return new ApiError(failure.code, failure.message, { retryAfter: failure.retryAfter, details: failure.details })
}
