import { createMiddleware } from 'hono/factory'
import { routePath } from 'hono/route'
import type { AppEnv } from '../app-env'
import { logEvent } from '../log'

const JOB_ID_IN_PATH = /^\/v1\/jobs\/(job_[A-Za-z0-9]+)/

/**
 * One structured line per request, written after the answer is known: owner, route pattern (never the raw path
 * with its tokens), status, duration, job id and upstream code when there is one. Never a header, body or query.
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now()
  await next()
  const route = routePath(c, -1)
  logEvent(c.res.status >= 500 ? 'error' : 'info', 'request', {
    method: c.req.method,
    route: route === '*' || route === '/*' ? 'unmatched' : route,
    status: c.res.status,
    duration_ms: Date.now() - started,
    owner: c.get('owner') ?? null,
    job_id: c.get('jobId') ?? JOB_ID_IN_PATH.exec(c.req.path)?.[1] ?? null,
    upstream_code: c.get('upstreamCode') ?? null,
  })
})
