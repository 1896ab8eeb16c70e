/** The life of one job as the panel shows it, as a pure transition table. */

export type JobState = 'queued' | 'running' | 'placing' | 'done' | 'failed' | 'canceled'

export type JobEvent =
  /** The backend reports the job running (or already finished). */
  | 'start'
  /** Every step succeeded; the images are being fetched and placed. */
  | 'place'
  | 'placed'
  | 'fail'
  | 'cancel'
  | 'retry'

const TABLE: Record<JobState, Partial<Record<JobEvent, JobState>>> = {
  queued: { start: 'running', fail: 'failed', cancel: 'canceled' },
  running: { place: 'placing', fail: 'failed', cancel: 'canceled' },
  // Placing takes a moment and cannot be undone half-way, so it is not cancellable.
  placing: { placed: 'done', fail: 'failed' },
  done: {},
  failed: { retry: 'queued' },
  canceled: { retry: 'queued' },
}

/** The next state, or null when the event does not apply (a late answer after a cancel, say). */
export function transition(state: JobState, event: JobEvent): JobState | null {
  return TABLE[state][event] ?? null
}

export function isActive(state: JobState): boolean {
  return state === 'queued' || state === 'running' || state === 'placing'
}

export function canCancel(state: JobState): boolean {
  return transition(state, 'cancel') !== null
}
