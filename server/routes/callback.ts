import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { verifyCallbackTokenAsync } from '../auth/callback-token'
import { ApiError } from '../errors'
import { logEvent } from '../log'
import { jobDeps } from '../jobs/job-deps'
import { refreshJobAsync } from '../jobs/refresh'
import { markDueAsync } from '../jobs/transitions'

const forged = () => new ApiError('not_found', 'Unknown callback.')

/**
 * `POST /v1/callbacks/{provider}/{token}`: the provider says a task changed. The token proves we issued the URL
 * (forged → 404). The body, flat or enveloped, is only a hint: we mark the job due and re-read the task upstream,
 * after answering 204.
 */
export const callback = new Hono<AppEnv>().post('/:provider/:token', async (c) => {
  const secret = c.var.config.callbackSecret
  if (!secret || c.req.param('provider') !== c.var.provider.name) throw forged()
  const jobId = await verifyCallbackTokenAsync(c.req.param('token'), secret)
  if (!jobId || !(await markDueAsync(c.env.DB, jobId))) throw forged()
  logEvent('info', 'callback', { job_id: jobId, hinted_status: hintedStatus(await c.req.text()) })
  c.executionCtx.waitUntil(refreshJobAsync(jobDeps(c.env, c.var.config, c.var.provider), jobId))
  return c.body(null, 204)
})

/** `task_status` from Kling's flat callback body or from the `{code, data}` envelope some copies show. */
function hintedStatus(text: string): string | null {
  try {
    const body = JSON.parse(text) as { task_status?: unknown; data?: { task_status?: unknown } }
    const status = body.task_status ?? body.data?.task_status
    return typeof status === 'string' ? status.slice(0, 20) : null
  } catch {
    return null
  }
}
