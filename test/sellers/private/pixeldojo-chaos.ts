import { FILE_KINDS, GATEWAY_ANSWERS, POLL_KINDS, type SellerChaosVocabulary } from './seller-chaos'

/**
 * How PixelDojo fails: its error table's `{error, code}` bodies (429 rate_limited, 500 internal_error), a 500 that
 * may come before or after the job exists, and no webhooks (it documents none).
 */
export const PIXELDOJO_CHAOS: SellerChaosVocabulary = {
  kinds: {
    submit: ['rate_limited', 'rate_limited', 'server_error', 'server_error_after_create', 'gateway', 'lost_response', 'malformed_after_create'],
    poll: POLL_KINDS,
    file: FILE_KINDS,
    webhook: [],
  },
  answers: {
    rate_limited: { status: 429, body: { error: 'Too many requests', code: 'rate_limited' } },
    server_error: { status: 500, body: { error: 'Server error', code: 'internal_error' } },
    server_error_after_create: { status: 500, body: { error: 'Server error', code: 'internal_error' } },
    poll_server_error: { status: 500, body: { error: 'Server error', code: 'internal_error' } },
    ...GATEWAY_ANSWERS,
  },
}
