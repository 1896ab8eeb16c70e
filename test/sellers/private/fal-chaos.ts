import { FILE_KINDS, GATEWAY_ANSWERS, POLL_KINDS, WEBHOOK_KINDS, type SellerChaosVocabulary } from './seller-chaos'

/**
 * How fal.ai fails (kling-upstream.md §7.3): errors are `{detail}` with the `X-Fal-Retryable` hint; fal answers a
 * submit only once it is queued, so an error answer means nothing was queued (no `server_error_after_create`); a
 * request's result URL answers a failed runner with 500 too, so an infrastructure 500 says it may be retried.
 */
export const FAL_CHAOS: SellerChaosVocabulary = {
  kinds: {
    submit: ['rate_limited', 'rate_limited', 'server_error', 'gateway', 'lost_response', 'malformed_after_create'],
    poll: POLL_KINDS,
    file: FILE_KINDS,
    webhook: WEBHOOK_KINDS,
  },
  answers: {
    rate_limited: { status: 429, body: { detail: 'Too many concurrent requests for this key; retry later.' }, headers: { 'X-Fal-Retryable': 'true' } },
    server_error: { status: 503, body: { detail: 'Service temporarily unavailable.' }, headers: { 'X-Fal-Retryable': 'true' } },
    poll_server_error: { status: 500, body: { detail: 'Internal server error.' }, headers: { 'X-Fal-Retryable': 'true' } },
    ...GATEWAY_ANSWERS,
  },
}
