/**
 * The daily image budget: one row per UTC day in the owner's object. Charged when a job is created, refunded when
 * it fails (before or after submission), kept when the owner cancels (Kling bills it anyway).
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
