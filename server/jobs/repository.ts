import { IDEMPOTENCY_TTL_MS, bindKeyStatement } from './idempotency'
import type { JobRow } from './job-row'

const COLUMNS = [
  'id', 'owner', 'status', 'operation', 'provider', 'model', 'prompt', 'negative_prompt', 'aspect_ratio',
  'resolution', 'n', 'expansion', 'options', 'client_ref', 'has_input', 'task_id', 'images', 'error_code',
  'error_message', 'cost', 'charged', 'charge_day', 'created_at', 'updated_at', 'poll_after', 'lease_until', 'watched_until',
] as const satisfies readonly (keyof JobRow)[]

const ACTIVE = `status IN ('queued', 'running')`

/**
 * Inserts a new job, with its idempotency key in the same batch (one transaction). The insert happens only while
 * the owner has fewer than `maxActive` unfinished jobs and no live job under the same key; returns whether it did.
 */
export async function insertJobAsync(
  db: D1Database,
  row: JobRow,
  options: { idempotencyKey: string | null; maxActive: number },
): Promise<boolean> {
  const values = COLUMNS.map((c) => row[c])
  const n = values.length
  const insert = db
    .prepare(
      `INSERT INTO jobs (${COLUMNS.join(', ')})
       SELECT ${values.map((_, i) => `?${i + 1}`).join(', ')}
       WHERE (SELECT COUNT(*) FROM jobs WHERE owner = ?2 AND ${ACTIVE}) < ?${n + 1}
         AND NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE owner = ?2 AND key = ?${n + 2} AND created_at > ?${n + 3})`,
    )
    .bind(...values, options.maxActive, options.idempotencyKey, row.created_at - IDEMPOTENCY_TTL_MS)
  if (!options.idempotencyKey) return (await insert.run()).meta.changes === 1
  const [inserted] = await db.batch([insert, bindKeyStatement(db, row.owner, options.idempotencyKey, row.id, row.created_at)])
  return inserted.meta.changes === 1
}

/** A job by id; with `owner`, only that owner's (another owner's job reads as missing). */
export async function getJobAsync(db: D1Database, id: string, owner?: string): Promise<JobRow | null> {
  if (owner === undefined) return db.prepare('SELECT * FROM jobs WHERE id = ?1').bind(id).first<JobRow>()
  return db.prepare('SELECT * FROM jobs WHERE id = ?1 AND owner = ?2').bind(id, owner).first<JobRow>()
}

/** The owner's jobs newest first, strictly after the keyset position `after` when given. */
export async function listJobsAsync(
  db: D1Database,
  owner: string,
  limit: number,
  after: { created_at: number; id: string } | null,
): Promise<JobRow[]> {
  const page = after
    ? db
        .prepare(
          `SELECT * FROM jobs WHERE owner = ?1 AND (created_at < ?2 OR (created_at = ?2 AND id < ?3))
           ORDER BY created_at DESC, id DESC LIMIT ?4`,
        )
        .bind(owner, after.created_at, after.id, limit)
    : db.prepare('SELECT * FROM jobs WHERE owner = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2').bind(owner, limit)
  return (await page.all<JobRow>()).results
}

/** Unfinished jobs that are due, not held and not being polled by a client: the cron sweep's work list. */
export async function unwatchedDueJobIdsAsync(db: D1Database, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .prepare(
      `SELECT id FROM jobs WHERE ${ACTIVE} AND poll_after <= ?1 AND lease_until <= ?1 AND watched_until <= ?1
       ORDER BY created_at LIMIT ?2`,
    )
    .bind(now, limit)
    .all<{ id: string }>()
  return rows.results.map((r) => r.id)
}

/** Unfinished jobs created at or before `cutoff`. */
export async function activeJobIdsCreatedBeforeAsync(db: D1Database, cutoff: number): Promise<string[]> {
  const rows = await db.prepare(`SELECT id FROM jobs WHERE ${ACTIVE} AND created_at <= ?1`).bind(cutoff).all<{ id: string }>()
  return rows.results.map((r) => r.id)
}
