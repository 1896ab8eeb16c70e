import type { JobCost, JobError } from '../../shared/api/schemas'
import { noteJobChanged } from './job-changes'
import type { JobRow, StoredImage } from './job-row'

/**
 * Every status change is a conditional UPDATE on an unfinished job, so a late upstream answer can never overwrite
 * a cancel, a failure or another refresher's success.
 */
const ACTIVE = `status IN ('queued', 'running')`

/** How long a refresh or submission may hold a job before another worker may take it over. */
export const LEASE_MS = 60_000
/** At most one upstream read per job per this interval, however many clients ask. */
export const POLL_INTERVAL_MS = 1_000

/**
 * Takes the job for one refresh if it is due and nobody holds it, and pushes its next poll a second out.
 * Returns the row as claimed, or null when someone else has it or it is not due.
 */
export async function claimJobAsync(db: D1Database, id: string, now: number): Promise<JobRow | null> {
  return db
    .prepare(
      `UPDATE jobs SET lease_until = ?2, poll_after = ?3
       WHERE id = ?1 AND ${ACTIVE} AND poll_after <= ?4 AND lease_until <= ?4 RETURNING *`,
    )
    .bind(id, now + LEASE_MS, now + POLL_INTERVAL_MS, now)
    .first<JobRow>()
}

/**
 * Lets go of a lease taken at `leaseUntil`, and sets when the job may be polled next. Returns the job as left,
 * or null when the lease had already passed to someone else.
 */
export async function releaseJobAsync(db: D1Database, id: string, leaseUntil: number, pollAfter: number): Promise<JobRow | null> {
  const row = await db
    .prepare('UPDATE jobs SET lease_until = 0, poll_after = MAX(poll_after, ?3) WHERE id = ?1 AND lease_until = ?2 RETURNING *')
    .bind(id, leaseUntil, pollAfter)
    .first<JobRow>()
  noteJobChanged(id)
  return row
}

/**
 * Records the provider's task id. The input images stay until the job ends (end-job.ts). With
 * `releaseLeaseUntil`, also lets go of the lease taken at that time, in the same statement (creating a job is
 * the hot path). Returns the job as left, or null when it had meanwhile finished.
 */
export async function recordTaskAsync(
  db: D1Database,
  id: string,
  taskId: string,
  now: number,
  releaseLeaseUntil: number | null = null,
): Promise<JobRow | null> {
  const row = await db
    .prepare(
      `UPDATE jobs SET task_id = ?2, updated_at = ?3,
         lease_until = CASE WHEN ?4 IS NOT NULL AND lease_until = ?4 THEN 0 ELSE lease_until END
       WHERE id = ?1 AND ${ACTIVE} RETURNING *`,
    )
    .bind(id, taskId, now, releaseLeaseUntil)
    .first<JobRow>()
  if (releaseLeaseUntil !== null) noteJobChanged(id)
  return row
}

export async function markRunningAsync(db: D1Database, id: string, now: number): Promise<void> {
  await db.prepare(`UPDATE jobs SET status = 'running', updated_at = ?2 WHERE id = ?1 AND status = 'queued'`).bind(id, now).run()
}

/**
 * Marks the job succeeded with its stored images and what the provider charged; false when it had meanwhile been
 * canceled or failed.
 */
export async function succeedJobAsync(
  db: D1Database,
  id: string,
  images: StoredImage[],
  now: number,
  cost: JobCost | null = null,
): Promise<boolean> {
  const result = await db
    .prepare(`UPDATE jobs SET status = 'succeeded', images = ?2, updated_at = ?3, cost = ?4 WHERE id = ?1 AND ${ACTIVE}`)
    .bind(id, JSON.stringify(images), now, cost ? JSON.stringify(cost) : null)
    .run()
  noteJobChanged(id)
  return result.meta.changes === 1
}

/**
 * Fails an unfinished job and refunds its charge in one transaction, so a refund can happen only once.
 * Returns false when the job was already finished.
 */
export async function failJobAsync(db: D1Database, id: string, error: JobError, now: number): Promise<boolean> {
  const [, failed] = await db.batch([
    db
      .prepare(
        `UPDATE usage_ledger SET used = MAX(0, used - j.charged)
         FROM (SELECT owner, charge_day, charged FROM jobs WHERE id = ?1 AND ${ACTIVE} AND charged > 0) AS j
         WHERE usage_ledger.owner = j.owner AND usage_ledger.day = j.charge_day`,
      )
      .bind(id),
    db
      .prepare(
        `UPDATE jobs SET status = 'failed', error_code = ?2, error_message = ?3, charged = 0, updated_at = ?4
         WHERE id = ?1 AND ${ACTIVE}`,
      )
      .bind(id, error.code, error.message, now),
  ])
  noteJobChanged(id)
  return failed.meta.changes === 1
}

/**
 * Cancels the owner's unfinished job. The charge stays: Kling bills a task whether or not we show it. Returns the
 * job as canceled, or null when it was not the owner's unfinished job.
 */
export async function cancelJobAsync(db: D1Database, id: string, owner: string, now: number): Promise<JobRow | null> {
  const row = await db
    .prepare(`UPDATE jobs SET status = 'canceled', updated_at = ?3 WHERE id = ?1 AND owner = ?2 AND ${ACTIVE} RETURNING *`)
    .bind(id, owner, now)
    .first<JobRow>()
  noteJobChanged(id)
  return row
}

/** Notes that an ended job's input images are deleted. */
export async function clearInputsAsync(db: D1Database, id: string): Promise<void> {
  await db.prepare(`UPDATE jobs SET has_input = 0 WHERE id = ?1 AND NOT ${ACTIVE}`).bind(id).run()
}

/** Ended jobs whose input images are still kept. */
export async function endedJobsWithInputsAsync(db: D1Database, limit: number): Promise<Pick<JobRow, 'id' | 'options' | 'has_input'>[]> {
  const rows = await db
    .prepare(`SELECT id, options, has_input FROM jobs WHERE has_input > 0 AND NOT ${ACTIVE} ORDER BY updated_at LIMIT ?1`)
    .bind(limit)
    .all<Pick<JobRow, 'id' | 'options' | 'has_input'>>()
  return rows.results
}

/**
 * Makes the job due for an upstream read now, if it is unfinished (a callback arrived). Returns whether the job
 * exists at all, finished or not, so the caller needs no separate read.
 */
export async function markDueAsync(db: D1Database, id: string): Promise<boolean> {
  const row = await db
    .prepare(`UPDATE jobs SET poll_after = CASE WHEN ${ACTIVE} THEN 0 ELSE poll_after END WHERE id = ?1 RETURNING id`)
    .bind(id)
    .first<{ id: string }>()
  noteJobChanged(id)
  return row !== null
}

/** Notes that a client is polling the job until `until`, so the cron sweep leaves it to that client. */
export async function watchJobAsync(db: D1Database, id: string, until: number): Promise<void> {
  await db.prepare(`UPDATE jobs SET watched_until = MAX(watched_until, ?2) WHERE id = ?1 AND ${ACTIVE}`).bind(id, until).run()
}
