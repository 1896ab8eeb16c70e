/**
 * How long finished jobs live. The API contract promises that a succeeded job's image URLs keep working "long after
 * the provider's temporary URL has expired" (Kling keeps its URLs for 30 days) and says nothing more, so a finished
 * job, its images in R2 and its history entry are kept `JOB_RETENTION_DAYS` after the job ended (default 90),
 * then deleted by the owner object's alarm. Unfinished jobs are never purged.
 */
export const DEFAULT_JOB_RETENTION_DAYS = 90
/** Ten years: past that a "retention" is a typo. */
export const MAX_JOB_RETENTION_DAYS = 3650
const DAY_MS = 24 * 60 * 60 * 1000

/** Jobs deleted per alarm, so that one purge never holds the owner's object for long; the rest follow at once. */
export const PURGE_BATCH = 100
/** After R2 refused a delete, the purge waits this long before trying again (the rows stay until it succeeds). */
export const PURGE_RETRY_MS = 60_000

export function retentionMs(days: number): number {
  return days * DAY_MS
}

/** When a job that ended at `endedAt` is due for deletion. */
export function purgeDueAt(endedAt: number, days: number): number {
  return endedAt + retentionMs(days)
}
