import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { verifyCallbackTokenAsync } from '../auth/callback-token'
import { ApiError } from '../errors'
import { JOB_ID_PATTERN } from '../jobs/job-id'
import { logEvent } from '../log'
import { ownerStub } from '../upstream/upstream-stub'

const forged = () => new ApiError('not_found', 'Unknown callback.')

/**
 * `POST /v1/callbacks/{provider}/{token}`: the provider says a task changed. The token names the owner and the job
 * and proves we issued it (forged → 404), so the callback goes straight to that owner's object. The body, flat or
 * enveloped, is only a hint: the object re-reads the task upstream, after we answered 204.
 */
export const callback = new Hono<AppEnv>().post('/:provider/:token', async (c) => {
  const secret = c.var.config.callbackSecret
  if (!secret || c.req.param('provider') !== c.var.provider.name) throw forged()
  const target = await verifyCallbackTokenAsync(c.req.param('token'), secret)
  if (!target || !JOB_ID_PATTERN.test(target.jobId)) throw forged()
  const owner = ownerStub(c.env, target.owner)
  if (!(await owner.callback(c.var.config, target.jobId))) throw forged()
  logEvent('info', 'callback', { job_id: target.jobId, hinted_status: hintedStatus(await c.req.text()) })
  c.executionCtx.waitUntil(owner.refreshNow(c.var.config, target.jobId))
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
