/**
 * Job changes made by this isolate, counted per job, so a long-poll in the same isolate notices a callback's
 * completion within ~10 ms instead of at its next D1 re-read. A counter checked by the waiter's own timer, not a
 * promise resolved by the changing request: workerd warns when one request settles another request's promise.
 * Other isolates' changes are still found by the waiter's periodic D1 re-read.
 */
const counts = new Map<string, number>()
/** Bounds memory in a long-lived isolate; a forgotten entry only costs a waiter its fast path. */
const MAX_TRACKED = 1000
const CHECK_MS = 10

export function noteJobChanged(id: string): void {
  const next = (counts.get(id) ?? 0) + 1
  counts.delete(id)
  counts.set(id, next)
  if (counts.size > MAX_TRACKED) counts.delete(counts.keys().next().value as string)
}

export function jobChangeCount(id: string): number {
  return counts.get(id) ?? 0
}

/** Resolves once the job changed in this isolate since `seen` was read, or after `ms`. */
export async function waitForJobChange(id: string, seen: number, ms: number): Promise<void> {
  const until = Date.now() + ms
  while (jobChangeCount(id) === seen && Date.now() < until) {
    await new Promise((r) => setTimeout(r, Math.min(CHECK_MS, until - Date.now())))
  }
}
