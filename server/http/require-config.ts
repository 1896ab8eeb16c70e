import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env'
import { readConfig } from '../config'
import { ApiError } from '../errors'
import { createProvider } from '../providers/registry'

/** Seconds a client should wait when the server itself is misconfigured: an operator has to act first. */
const MISCONFIGURED_RETRY_AFTER_S = 60

/**
 * Reads and checks the configuration, and builds the provider. A bad setting answers 503 `upstream_unavailable`
 * naming the setting (never its value); `/v1/health` reports the same without this middleware.
 */
export const requireConfig = createMiddleware<AppEnv>(async (c, next) => {
  const result = readConfig(c.env)
  if (!result.ok) {
    throw new ApiError('upstream_unavailable', `The server is misconfigured (${result.setting}): ${result.reason}`, {
      retryAfter: MISCONFIGURED_RETRY_AFTER_S,
    })
  }
  c.set('config', result.config)
  c.set('provider', createProvider(result.config))
  await next()
})
