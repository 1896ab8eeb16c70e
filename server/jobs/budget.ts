/**
 * The daily image budget: one ledger row per owner per UTC day. Charged when a job is created, refunded when it
 * fails (before or after submission, see transitions.ts), kept when the owner cancels (Kling bills it anyway).
 */

/** The UTC day `YYYY-MM-DD` a time falls in. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** When the budget of the day containing `ms` resets: the next UTC midnight. */
export function nextUtcMidnight(ms: number): string {
  const d = new Date(ms)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)).toISOString()
}

/**
 * Adds `n` images to the owner's day if that stays within `limit`, in one conditional statement: concurrent
 * requests are serialised by D1, so they can never overspend together. Returns whether it was charged.
 */
export async function chargeAsync(db: D1Database, owner: string, day: string, n: number, limit: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO usage_ledger (owner, day, used) SELECT ?1, ?2, ?3 WHERE ?3 <= ?4
       ON CONFLICT (owner, day) DO UPDATE SET used = used + excluded.used WHERE used + excluded.used <= ?4`,
    )
    .bind(owner, day, n, limit)
    .run()
  return result.meta.changes === 1
}

/** Gives `n` images back (for a charge whose job was never created). */
export async function refundAsync(db: D1Database, owner: string, day: string, n: number): Promise<void> {
  await db.prepare('UPDATE usage_ledger SET used = MAX(0, used - ?3) WHERE owner = ?1 AND day = ?2').bind(owner, day, n).run()
}

/** Images the owner used on `day`. */
export async function usedAsync(db: D1Database, owner: string, day: string): Promise<number> {
  const row = await db.prepare('SELECT used FROM usage_ledger WHERE owner = ?1 AND day = ?2').bind(owner, day).first<{ used: number }>()
  return row?.used ?? 0
}
