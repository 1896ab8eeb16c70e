/** `Idempotency-Key` support: per owner and key, for 24 hours (api-contract.md, POST /v1/jobs). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

/** The job an owner's key already points to, if the key is younger than 24 h. */
export async function findKeyedJobIdAsync(db: D1Database, owner: string, key: string, now: number): Promise<string | null> {
  const row = await db
    .prepare('SELECT job_id FROM idempotency_keys WHERE owner = ?1 AND key = ?2 AND created_at > ?3')
    .bind(owner, key, now - IDEMPOTENCY_TTL_MS)
    .first<{ job_id: string }>()
  return row?.job_id ?? null
}

/**
 * Binds the key to `jobId`, in the same batch as the job insert (repository.ts) and only if that insert happened:
 * an expired key is taken over, a live one never. The primary key (owner, key) decides between concurrent
 * requests.
 */
export function bindKeyStatement(db: D1Database, owner: string, key: string, jobId: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO idempotency_keys (owner, key, job_id, created_at)
       SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ?3)
       ON CONFLICT (owner, key) DO UPDATE SET job_id = excluded.job_id, created_at = excluded.created_at
       WHERE idempotency_keys.created_at <= ?5`,
    )
    .bind(owner, key, jobId, now, now - IDEMPOTENCY_TTL_MS)
}

/** Forgets keys older than 24 h; the cron sweep calls it. */
export async function purgeExpiredKeysAsync(db: D1Database, now: number): Promise<void> {
  await db.prepare('DELETE FROM idempotency_keys WHERE created_at <= ?1').bind(now - IDEMPOTENCY_TTL_MS).run()
}
