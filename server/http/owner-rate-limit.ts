import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'

/** The fallback's window and budget; wrangler.jsonc gives the binding the same numbers. */
export const OWNER_RATE = { limit: 600, periodS: 60 } as const

/** Fixed-window counts per owner for the fallback: per isolate, so approximate, like the binding per location. */
const windows = new Map<string, { start: number; count: number }>()

/**
 * Per-owner request rate, after authentication. The Workers rate-limiting binding (`OWNER_RATE_LIMITER`) decides
 * when it is bound; without it (a deployment that removed it) an in-isolate fixed window does. Over the limit:
 * 429 `rate_limited` with `Retry-After`.
 */
export const ownerRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const owner = c.var.owner
  const limiter = c.env.OWNER_RATE_LIMITER
  const allowed = limiter ? (await limiter.limit({ key: owner })).success : takeFromWindow(owner, Date.now())
  if (!allowed) {
    throw new ApiError('rate_limited', `Too many requests for this token: at most ${OWNER_RATE.limit} a minute. Slow down and try again shortly.`, {
      retryAfter: limiter ? 10 : secondsLeft(owner, Date.now()),
    })
  }
  await next()
})

function takeFromWindow(owner: string, now: number): boolean {
  let window = windows.get(owner)
  if (!window || now - window.start >= OWNER_RATE.periodS * 1000) {
    window = { start: now, count: 0 }
    windows.set(owner, window)
  }
  window.count++
  return window.count <= OWNER_RATE.limit
}

function secondsLeft(owner: string, now: number): number {
  const window = windows.get(owner)
  return window ? Math.max(1, Math.ceil((window.start + OWNER_RATE.periodS * 1000 - now) / 1000)) : 1
}
