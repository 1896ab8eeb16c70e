import type { JobError } from '../../shared/api/schemas'
import type { JobRow } from './job-row'

/** A job not finished this long after creation fails with `timeout` (and is refunded). */
export const JOB_DEADLINE_MS = 10 * 60 * 1000

export const TIMEOUT_ERROR: JobError = { code: 'timeout', message: 'Kling did not finish this job within 10 minutes.' }

export function isOverdue(row: Pick<JobRow, 'created_at'>, now: number): boolean {
  return now - row.created_at >= JOB_DEADLINE_MS
}
