/** Names fixed by the HTTP contract (../shared/api-contract.md). */

export const OPERATIONS = ['generate', 'image_to_image', 'expand', 'multi_reference', 'omni'] as const
export type Operation = (typeof OPERATIONS)[number]

/**
 * The operations this backend implements: all of them. Whether the configured provider and a model offer one is
 * data (`GET /v1/capabilities`); what they do not offer answers 400 `operation_not_supported`.
 */
export const IMPLEMENTED_OPERATIONS = OPERATIONS
export type ImplementedOperation = Operation

/** `omni` only: one image per variant, or a storyboard set of related images (`series`). */
export const RESULT_TYPES = ['single', 'series'] as const
export type ResultType = (typeof RESULT_TYPES)[number]

/** Kling's eight aspect ratios, in the order a picker should list them. */
export const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9'] as const
export type AspectRatio = (typeof ASPECT_RATIOS)[number]
/** `auto` is accepted for `omni` only. */
export const REQUEST_ASPECT_RATIOS = [...ASPECT_RATIOS, 'auto'] as const
export type RequestAspectRatio = (typeof REQUEST_ASPECT_RATIOS)[number]

export const RESOLUTIONS = ['1k', '2k', '4k'] as const
export type Resolution = (typeof RESOLUTIONS)[number]

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
export const TERMINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'canceled']

export const PROVIDERS = ['kling', 'fal', 'pixeldojo', 'apimodels'] as const
export type ProviderName = (typeof PROVIDERS)[number]

export const IMAGE_REFERENCES = ['subject', 'face'] as const
export type ImageReference = (typeof IMAGE_REFERENCES)[number]

/** `error.code` values of the HTTP error envelope, with their HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  operation_not_supported: 400,
  unauthorized: 401,
  insufficient_credits: 402,
  not_found: 404,
  model_not_found: 404,
  payload_too_large: 413,
  content_rejected: 422,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
} as const
export type ErrorCode = keyof typeof ERROR_STATUS

/** `job.error.code` values: the HTTP codes a job can fail with, plus `timeout` for the job deadline. */
export const JOB_ERROR_CODES = [
  'content_rejected',
  'insufficient_credits',
  'upstream_error',
  'upstream_unavailable',
  'invalid_request',
  'internal_error',
  'timeout',
] as const
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number]
