/**
 * The Worker's bindings: vars from wrangler.jsonc, secrets from `wrangler secret put`, D1 and R2.
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
  /** Workers rate-limiting binding, keyed by owner (wrangler.jsonc `ratelimits`); a per-isolate window stands in without it. */
  OWNER_RATE_LIMITER?: RateLimit
  DB: D1Database
  IMAGES: R2Bucket
}
