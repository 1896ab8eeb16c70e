import { logEvent } from '../log'
import { deleteInputsAsync } from './job-inputs'
import type { JobDeps } from './job-deps'
import type { JobOptions, JobRow } from './job-row'
import { clearInputsAsync, endedJobsWithInputsAsync } from './transitions'

/**
 * A job's input images are kept until the job ends (succeeded, failed, canceled), then deleted. Called right after
 * a job ends; the cron sweep catches what a crash in between left behind (`purgeEndedInputsAsync`).
 */
export async function endJobInputsAsync(deps: Pick<JobDeps, 'db' | 'bucket'>, row: Pick<JobRow, 'id' | 'options' | 'has_input'>): Promise<void> {
  if (!row.has_input) return
  await deleteInputsAsync(deps.bucket, row.id, inputSlots(row))
  await clearInputsAsync(deps.db, row.id)
}

/** Deletes the inputs of jobs that ended without deleting them (timed out in bulk, or interrupted). */
export async function purgeEndedInputsAsync(deps: Pick<JobDeps, 'db' | 'bucket'>, limit = 50): Promise<number> {
  const rows = await endedJobsWithInputsAsync(deps.db, limit)
  for (const row of rows) {
    try {
      await endJobInputsAsync(deps, row)
    } catch (error) {
      logEvent('warn', 'input_purge_failed', { job_id: row.id, error: error instanceof Error ? error.name : 'unknown' })
    }
  }
  return rows.length
}

export function inputSlots(row: Pick<JobRow, 'options' | 'has_input'>): string[] {
  const options: JobOptions = row.options ? JSON.parse(row.options) : {}
  // Rows from before slots were recorded kept one input, the `image`.
  return options.inputs ?? (row.has_input ? ['image'] : [])
}
