/** Where one upstream task of a job stands. */
export type TaskRowState =
  /** Waiting in the upstream queue for slots. */
  | 'queued'
  /** Slots granted; the seller may or may not have the task yet (looked up by task_key before any resubmission). */
  | 'admitted'
  /** The seller has it: `task_id` is its handle. */
  | 'submitted'
  /** Finished: images stored, or the job ended. */
  | 'done'

/** A `tasks` row (owner-schema.ts). */
export interface TaskRow {
  job_id: string
  part: number
  task_key: string
  n: number
  first_index: number
  state: TaskRowState
  task_id: string | null
  provider_data: string | null
  images: string | null
  released: number
}

/** Our id of a job's upstream task: the job id itself for the first, `{jobId}-{part}` for the parts after it. */
export function taskKey(jobId: string, part: number): string {
  return part === 0 ? jobId : `${jobId}-${part}`
}

/**
 * Splits a job of `n` images into upstream tasks of at most `slots` images each (Kling: a task holds `n` slots),
 * images numbered on across the parts.
 */
export function splitJob(jobId: string, n: number, slots: number): TaskRow[] {
  const tasks: TaskRow[] = []
  for (let first = 0, part = 0; first < n; part++) {
    const size = Math.min(slots, n - first)
    tasks.push({
      job_id: jobId,
      part,
      task_key: taskKey(jobId, part),
      n: size,
      first_index: first,
      state: 'queued',
      task_id: null,
      provider_data: null,
      images: null,
      released: 0,
    })
    first += size
  }
  return tasks
}
