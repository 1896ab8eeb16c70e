import { logEvent } from '../log'
import { failureCode } from '../providers/failure-code'
import { ProviderError, type TaskState } from '../providers/provider'
import { isOverdue, TIMEOUT_ERROR } from './deadline'
import type { JobDeps } from './job-deps'
import type { JobRow } from './job-row'
import type { JobCost } from '../../shared/api/schemas'
import { ImageCopyError, imageKey, storeImagesAsync } from './store-images'
import { endJobInputsAsync, inputSlots } from './end-job'
import { loadInputsAsync } from './job-inputs'
import { submitJobAsync } from './submit'
import { claimJobAsync, failJobAsync, markRunningAsync, recordTaskAsync, releaseJobAsync, succeedJobAsync } from './transitions'

/** After an upstream hiccup, wait this long before the next read. */
const BACKOFF_AFTER_ERROR_MS = 2_000

/**
 * Reads the job's task from the provider and advances the job, if the job is due and nobody else is on it (the
 * claim is a conditional UPDATE, so concurrent waiters, callbacks and the cron sweep never double-read).
 * A job that never reached the provider is looked up by its id and, if the provider has no such task, submitted
 * again from the stored input. Never throws for upstream trouble: the job simply stays due for a later try.
 */
export async function refreshJobAsync(deps: JobDeps, jobId: string): Promise<void> {
  const now = Date.now()
  const row = await claimJobAsync(deps.db, jobId, now)
  if (!row) return
  let pollAfter = 0
  try {
    if (isOverdue(row, now)) {
      if (await failJobAsync(deps.db, row.id, TIMEOUT_ERROR, now)) await endJobInputsAsync(deps, row)
      return
    }
    const task = await deps.provider.read({ jobId: row.id, operation: row.operation, taskId: row.task_id })
    if (!task) {
      if (row.task_id) {
        const message = 'Kling no longer knows this task.'
        if (await failJobAsync(deps.db, row.id, { code: 'upstream_error', message }, Date.now())) await endJobInputsAsync(deps, row)
      } else {
        await resubmitAsync(deps, row)
      }
      return
    }
    if (!row.task_id) await recordTaskAsync(deps.db, row.id, task.taskId, Date.now())
    pollAfter = await applyAsync(deps, row, task)
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error
    // Unavailable, or our credentials refused (already logged for the operator): try again later.
    pollAfter = Date.now() + BACKOFF_AFTER_ERROR_MS
  } finally {
    await releaseJobAsync(deps.db, row.id, row.lease_until, pollAfter)
  }
}

/** Moves the job to what the task says; returns when to poll next (0: at the usual pace). */
async function applyAsync(deps: JobDeps, row: JobRow, task: TaskState): Promise<number> {
  switch (task.state) {
    case 'queued':
      return 0
    case 'running':
      if (row.status === 'queued') await markRunningAsync(deps.db, row.id, Date.now())
      return 0
    case 'failed':
      if (await failJobAsync(deps.db, row.id, { code: failureCode(task.reason), message: task.message }, Date.now())) {
        await endJobInputsAsync(deps, row)
      }
      return 0
    case 'succeeded':
      return storeAndSucceedAsync(deps, row, task.images.map((image) => image.url), task.cost ?? null)
  }
}

async function storeAndSucceedAsync(deps: JobDeps, row: JobRow, urls: string[], cost: JobCost | null): Promise<number> {
  try {
    const images = await storeImagesAsync(deps.bucket, row.id, urls)
    if (!(await succeedJobAsync(deps.db, row.id, images, Date.now(), cost))) {
      // Canceled (or timed out) while we copied: its images must never be shown.
      await deps.bucket.delete(images.map((image) => imageKey(row.id, image.index)))
    }
    await endJobInputsAsync(deps, row)
    return 0
  } catch (error) {
    if (!(error instanceof ImageCopyError)) throw error
    logEvent('warn', 'result_copy_failed', { job_id: row.id, permanent: error.permanent, reason: error.message })
    if (error.permanent) {
      if (await failJobAsync(deps.db, row.id, { code: 'upstream_error', message: error.message }, Date.now())) {
        await endJobInputsAsync(deps, row)
      }
      return 0
    }
    return Date.now() + BACKOFF_AFTER_ERROR_MS
  }
}

/** The provider has no task for this job: its submission was interrupted. Submit it again from what we kept. */
async function resubmitAsync(deps: JobDeps, row: JobRow): Promise<void> {
  const inputs = await loadInputsAsync(deps.bucket, row.id, inputSlots(row))
  if (!inputs) {
    const message = 'The input images of this job were lost; please try again.'
    if (await failJobAsync(deps.db, row.id, { code: 'internal_error', message }, Date.now())) await endJobInputsAsync(deps, row)
    return
  }
  logEvent('info', 'job_resubmitted', { job_id: row.id })
  await submitJobAsync(deps, row, inputs)
}
