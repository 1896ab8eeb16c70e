/** `Idempotency-Key` support: per owner and key, for 24 hours (api-contract.md, POST /v1/jobs). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
