import type { JobError } from '../../shared/api/schemas'
import type { JobRow } from './job-row'

/**
 * A job not finished this long after creation fails with `timeout` (and is refunded). `JOB_DEADLINE_S` may shorten
 * it (a test bench, a seller with short tasks), never lengthen it: slot leases and input URLs are sized on this one.
 */
export const JOB_DEADLINE_MS = 10 * 60 * 1000

/** The error of a job that ran past its deadline, naming who did not finish it. */
export function timeoutError(providerLabel: string, deadlineMs: number): JobError {
  const minutes = deadlineMs / 60_000
  const span = Number.isInteger(minutes) ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(deadlineMs / 1000)} seconds`
  return { code: 'timeout', message: `${providerLabel} did not finish this job within ${span}.` }
}

export function isOverdue(row: Pick<JobRow, 'created_at'>, now: number, deadlineMs: number): boolean {
  return now - row.created_at >= deadlineMs
}
