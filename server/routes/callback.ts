import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { verifyCallbackTokenAsync } from '../auth/callback-token'
import { ApiError } from '../errors'
import { logEvent } from '../log'
import { jobDeps } from '../jobs/job-deps'
import { refreshJobAsync } from '../jobs/refresh'
import { adoptTaskAsync, markDueAsync } from '../jobs/transitions'

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
  const body = parseJson(await c.req.text())
  logEvent('info', 'callback', { job_id: jobId, hinted_status: hintedStatus(body) })
  // A seller that cannot be asked by our job id: the webhook is how a job whose submit went unanswered learns its
  // task. Recorded only where the job has none (the URL is signed for this one job).
  const named = c.var.provider.findsTasksByJobId ? null : c.var.provider.callbackTask(body)
  if (named && (await adoptTaskAsync(c.env.DB, jobId, named.taskId, Date.now()))) {
    logEvent('info', 'task_adopted_from_webhook', { job_id: jobId })
  }
  c.executionCtx.waitUntil(refreshJobAsync(jobDeps(c.env, c.var.config, c.var.provider), jobId))
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
