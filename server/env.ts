/**
 * The Worker's bindings: vars from wrangler.jsonc, secrets from `wrangler secret put`, Durable Objects and R2.
 * Every var is optional here because a missing one is a configuration error the Worker reports (config.ts),
 * not a crash.
 */
export interface Env {
  PROVIDER?: string
  KLING_API_BASE?: string
  KLING_ACCESS_KEY?: string
  KLING_SECRET_KEY?: string
  KLING_API_KEY?: string
  FAL_KEY?: string
  FAL_QUEUE_BASE?: string
  PIXELDOJO_API_KEY?: string
  PIXELDOJO_API_BASE?: string
  APIMODELS_API_KEY?: string
  APIMODELS_API_BASE?: string
  CLIENT_TOKENS?: string
  CALLBACK_SECRET?: string
  PUBLIC_BASE_URL?: string
  DAILY_IMAGE_LIMIT?: string
  /** Unfinished jobs one owner may have at once; over it, `POST /v1/jobs` answers 429. */
  MAX_ACTIVE_JOBS?: string
  /** Task slots of the seller account; jobs past them wait in the upstream object's queue. */
  UPSTREAM_CONCURRENCY?: string
  /** Seconds after which an unfinished job fails with `timeout` (30 to 600, default 600). */
  JOB_DEADLINE_S?: string
  /** Days a finished job and its images are kept (default 90); then the owner object's alarm deletes them. */
  JOB_RETENTION_DAYS?: string
  /** Workers rate-limiting binding, keyed by owner (wrangler.jsonc `ratelimits`); a per-isolate window stands in without it. */
  OWNER_RATE_LIMITER?: RateLimit
  /** One object per owner: jobs, idempotency keys, budget, change feed (server/owner/owner-object.ts). */
  OWNERS: DurableObjectNamespace<import('./owner/owner-object').OwnerObject>
  /** One object per seller account: the fair queue and its slots (server/upstream/upstream-object.ts). */
  UPSTREAM: DurableObjectNamespace<import('./upstream/upstream-object').UpstreamObject>
  IMAGES: R2Bucket
}
