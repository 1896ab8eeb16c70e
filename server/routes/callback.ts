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
  const body = parseJson(await c.req.text())
  // A seller that cannot be asked by our job id: the webhook is how a task whose submit went unanswered is learnt.
  // Adopted only where the job's task has no handle yet (the URL is signed for this one job).
  const named = c.var.provider.findsTasksByJobId ? null : c.var.provider.callbackTask(body)
  const owner = ownerStub(c.env, target.owner)
  if (!(await owner.callback(c.var.config, target.jobId, named?.taskId ?? null))) throw forged()
  logEvent('info', 'callback', { job_id: target.jobId, hinted_status: hintedStatus(body) })
  c.executionCtx.waitUntil(owner.refreshNow(c.var.config, target.jobId))
  return c.body(null, 204)
})

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * The status a callback claims, for the log: Kling's `task_status` (flat or in a `{code, data}` envelope), fal's
 * `status`, apimodels' `data.state`.
 */
function hintedStatus(body: unknown): string | null {
  const b = (body ?? {}) as { task_status?: unknown; status?: unknown; data?: { task_status?: unknown; state?: unknown } }
  const status = b.task_status ?? b.data?.task_status ?? b.data?.state ?? b.status
  return typeof status === 'string' ? status.slice(0, 20) : null
}
