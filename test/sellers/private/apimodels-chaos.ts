import { FILE_KINDS, GATEWAY_ANSWERS, POLL_KINDS, WEBHOOK_KINDS, type SellerChaosVocabulary } from './seller-chaos'

/**
 * How apimodels.app fails: `{code, msg, data: null}` with `code` mirroring the status (429 by its rate limiter,
 * 500 before or after the task exists), and its `callback_url` notifications lost, late or repeated.
 */
export const APIMODELS_CHAOS: SellerChaosVocabulary = {
  kinds: {
    submit: ['rate_limited', 'rate_limited', 'server_error', 'server_error_after_create', 'gateway', 'lost_response', 'malformed_after_create'],
    poll: POLL_KINDS,
    file: FILE_KINDS,
    webhook: WEBHOOK_KINDS,
  },
  answers: {
    rate_limited: { status: 429, body: { code: 429, msg: 'Too Many Requests', data: null } },
    server_error: { status: 500, body: { code: 500, msg: 'Internal Server Error', data: null } },
    server_error_after_create: { status: 500, body: { code: 500, msg: 'Internal Server Error', data: null } },
    poll_server_error: { status: 500, body: { code: 500, msg: 'Internal Server Error', data: null } },
    ...GATEWAY_ANSWERS,
  },
}
