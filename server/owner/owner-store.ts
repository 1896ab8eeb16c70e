import { IDEMPOTENCY_TTL_MS } from '../jobs/idempotency'
import { isTerminal, type JobRow } from '../jobs/job-row'
import { OWNER_SCHEMA } from './owner-schema'
import type { TaskRow } from './task-row'

/** An unfinished job and its upstream tasks, mirrored in memory. */
export interface ActiveJob {
  job: JobRow
  tasks: TaskRow[]
}

const JOB_COLUMNS = [
  'id', 'owner', 'status', 'operation', 'provider', 'model', 'prompt', 'negative_prompt', 'aspect_ratio',
  'resolution', 'n', 'expansion', 'options', 'client_ref', 'has_input', 'images', 'error_code', 'error_message',
  'charged', 'charge_day', 'created_at', 'updated_at', 'queue_position', 'cost', 'change_seq',
] as const satisfies readonly (keyof JobRow)[]
const TASK_COLUMNS = [
  'job_id', 'part', 'task_key', 'n', 'first_index', 'state', 'task_id', 'provider_data', 'images', 'released',
] as const satisfies readonly (keyof TaskRow)[]
/** Finished jobs kept in memory, so a waiter that sees its job finish reads nothing back. */
const RECENT_MAX = 200

/**
 * One owner's storage: SQLite for what must survive, and a write-through mirror of the unfinished jobs, so reads
 * of running jobs and every wait cost no statement. Every statement goes through `exec`, which counts them (the
 * benchmarks and the "waiting touches no storage" test read `statements`).
 */
export class OwnerStore {
  statements = 0
  /** The change sequence's latest position. */
  seq = 0
  readonly epoch: string
  readonly active = new Map<string, ActiveJob>()
  private readonly recent = new Map<string, JobRow>()

  constructor(private readonly sql: SqlStorage) {
    for (const ddl of OWNER_SCHEMA) this.exec(ddl)
    const epoch = this.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'epoch'`)[0]?.value
    this.epoch = epoch ?? randomHex(8)
    if (!epoch) this.exec(`INSERT INTO meta (key, value) VALUES ('epoch', ?)`, this.epoch)
    this.seq = this.exec<{ seq: number | null }>('SELECT MAX(change_seq) AS seq FROM jobs')[0]?.seq ?? 0
    const jobs = this.exec<JobRow>(`SELECT * FROM jobs WHERE status IN ('queued', 'running')`)
    const tasks = jobs.length ? this.exec<TaskRow>(`SELECT * FROM tasks WHERE job_id IN (SELECT id FROM jobs WHERE status IN ('queued', 'running')) ORDER BY part`) : []
    for (const job of jobs) this.active.set(job.id, { job, tasks: tasks.filter((t) => t.job_id === job.id) })
  }

  exec<T = Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]): T[] {
    this.statements++
    return this.sql.exec(query, ...bindings).toArray() as T[]
  }

  /** A job by id, from memory when it is unfinished or finished lately. */
  get(id: string): JobRow | null {
    const hit = this.active.get(id)?.job ?? this.recent.get(id)
    if (hit) return hit
    return this.exec<JobRow>('SELECT * FROM jobs WHERE id = ?', id)[0] ?? null
  }

  /** Jobs newest first, strictly after the keyset position `after` when given. */
  list(limit: number, after: { created_at: number; id: string } | null): JobRow[] {
    return after
      ? this.exec<JobRow>(
          'SELECT * FROM jobs WHERE created_at < ?1 OR (created_at = ?1 AND id < ?2) ORDER BY created_at DESC, id DESC LIMIT ?3',
          after.created_at, after.id, limit,
        )
      : this.exec<JobRow>('SELECT * FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?', limit)
  }

  /** Jobs whose latest visible change is after `seq`, oldest change first. */
  changedSince(seq: number, limit: number): JobRow[] {
    return this.exec<JobRow>('SELECT * FROM jobs WHERE change_seq > ? ORDER BY change_seq LIMIT ?', seq, limit)
  }

  /** Inserts a new job with its tasks and, if given, its idempotency key. */
  insert(job: JobRow, tasks: TaskRow[], key: string | null): void {
    job.change_seq = ++this.seq
    this.exec(`INSERT INTO jobs (${JOB_COLUMNS.join(', ')}) VALUES (${JOB_COLUMNS.map(() => '?').join(', ')})`, ...JOB_COLUMNS.map((c) => job[c]))
    for (const task of tasks) {
      this.exec(`INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) VALUES (${TASK_COLUMNS.map(() => '?').join(', ')})`, ...TASK_COLUMNS.map((c) => task[c]))
    }
    if (key) this.exec('INSERT OR REPLACE INTO idempotency_keys (key, job_id, created_at) VALUES (?, ?, ?)', key, job.id, job.created_at)
    this.active.set(job.id, { job, tasks })
  }

  /**
   * Writes the job back. `visible` (status, queue position, images or error changed) moves it to the head of the
   * change feed. A finished job leaves the in-memory mirror.
   */
  saveJob(job: JobRow, visible: boolean): void {
    if (visible) job.change_seq = ++this.seq
    const columns = JOB_COLUMNS.filter((c) => c !== 'id')
    this.exec(`UPDATE jobs SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, ...columns.map((c) => job[c]), job.id)
    if (isTerminal(job.status)) {
      this.active.delete(job.id)
      this.recent.delete(job.id)
      this.recent.set(job.id, job)
      if (this.recent.size > RECENT_MAX) this.recent.delete(this.recent.keys().next().value as string)
    }
  }

  saveTask(task: TaskRow): void {
    this.exec(
      'UPDATE tasks SET state = ?, task_id = ?, provider_data = ?, images = ?, released = ? WHERE task_key = ?',
      task.state, task.task_id, task.provider_data, task.images, task.released, task.task_key,
    )
  }

  /** Tasks of finished jobs whose slots are not yet known to be given back (a release that failed). */
  unreleasedTasks(): TaskRow[] {
    return this.exec<TaskRow>(`SELECT * FROM tasks WHERE released = 0 AND job_id NOT IN (SELECT id FROM jobs WHERE status IN ('queued', 'running')) LIMIT 50`)
  }

  markReleased(keys: string[]): void {
    for (const key of keys) this.exec('UPDATE tasks SET released = 1 WHERE task_key = ?', key)
  }

  /** The job a key points to, if the key is younger than 24 h. */
  keyedJobId(key: string, now: number): string | null {
    return this.exec<{ job_id: string }>('SELECT job_id FROM idempotency_keys WHERE key = ? AND created_at > ?', key, now - IDEMPOTENCY_TTL_MS)[0]?.job_id ?? null
  }

  purgeExpiredKeys(now: number): void {
    this.exec('DELETE FROM idempotency_keys WHERE created_at <= ?', now - IDEMPOTENCY_TTL_MS)
  }

  used(day: string): number {
    return this.exec<{ used: number }>('SELECT used FROM usage WHERE day = ?', day)[0]?.used ?? 0
  }

  /** Adds `n` images to the day if that stays within `limit`; returns whether it did. */
  charge(day: string, n: number, limit: number): boolean {
    const used = this.used(day)
    if (used + n > limit) return false
    this.exec('INSERT INTO usage (day, used) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET used = excluded.used', day, used + n)
    return true
  }

  refund(day: string, n: number): void {
    this.exec('UPDATE usage SET used = MAX(0, used - ?) WHERE day = ?', n, day)
  }
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('')
}
