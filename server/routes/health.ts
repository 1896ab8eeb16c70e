import { Hono } from 'hono'
import type { Health } from '../../shared/api/schemas'
import type { AppEnv } from '../app-env'
import { readConfig } from '../config'
import { VERSION } from '../version'

/** `GET /v1/health`, no auth: 200 when the configuration is usable, else 503 with the reason (never a value). */
export const health = new Hono<AppEnv>().get('/', (c) => {
  const result = readConfig(c.env)
  const provider = (c.env.PROVIDER ?? 'kling').trim() || 'kling'
  if (!result.ok) {
    const body: Health = { ok: false, provider, version: VERSION, reason: result.reason }
    return c.json(body, 503)
  }
  const body: Health = { ok: true, provider: result.config.provider, version: VERSION }
  return c.json(body)
})
