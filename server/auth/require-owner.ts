import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'
import { ownerForTokenAsync } from './client-tokens'

/** `Authorization: Bearer <client token>` → `c.var.owner`. Anything else is 401, with no hint which part failed. */
export const requireOwner = createMiddleware<AppEnv>(async (c, next) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')
  const owner = match ? await ownerForTokenAsync(c.var.config.clientTokens, match[1]) : null
  if (!owner) throw new ApiError('unauthorized', 'Missing or unknown client token: send Authorization: Bearer <token>.')
  c.set('owner', owner)
  await next()
})
