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
/** Expired idempotency keys are deleted at most this often. */
const KEY_PURGE_INTERVAL_MS = 60 * 60 * 1000
/** Finished jobs kept in memory, so a waiter that sees its job finish reads nothing back. */
const RECENT_MAX = 200
const ENDED = `status IN ('succeeded', 'failed', 'canceled')`

/** A finished job due for deletion, with every R2 key it may have left. */
export interface ExpiredJob {
  id: string
  keys: string[]
}

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
  /** When the oldest finished job ended (its `updated_at`); null when none is stored. Drives the purge alarm. */
  oldestEndedAt: number | null = null
  private readonly recent = new Map<string, JobRow>()
  /** Images used per day, write-through: a create reads its day's count from memory. */
  private readonly usage = new Map<string, number>()
  private keysPurgedAt = 0

  constructor(private readonly sql: SqlStorage) {
    for (const ddl of OWNER_SCHEMA) this.exec(ddl)
    const epoch = this.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'epoch'`)[0]?.value
    this.epoch = epoch ?? randomHex(8)
    if (!epoch) this.exec(`INSERT INTO meta (key, value) VALUES ('epoch', ?)`, this.epoch)
    // Purged jobs take their change positions with them: the feed's position is kept in meta too, so it never
    // goes back (a client's cursor must never meet a position twice).
    this.seq = this.exec<{ seq: number }>(
      `SELECT MAX(COALESCE((SELECT MAX(change_seq) FROM jobs), 0), COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'seq_floor'), 0)) AS seq`,
    )[0].seq
    this.oldestEndedAt = this.findOldestEnded()
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
      this.oldestEndedAt = Math.min(this.oldestEndedAt ?? Infinity, job.updated_at)
      this.active.delete(job.id)
      this.recent.delete(job.id)
      this.recent.set(job.id, job)
      if (this.recent.size > RECENT_MAX) this.recent.delete(this.recent.keys().next().value as string)
    }
  }

  /**
   * Finished jobs that ended before `before`, oldest first, with the R2 keys they may have left: their images (a
   * split job's finished tasks keep theirs even when a later task failed) and inputs (deleted when the job ended,
   * unless that delete failed).
   */
  expiredJobs(before: number, limit: number): ExpiredJob[] {
    const jobs = this.exec<Pick<JobRow, 'id' | 'images' | 'options' | 'has_input'>>(
      `SELECT id, images, options, has_input FROM jobs WHERE ${ENDED} AND updated_at < ? ORDER BY updated_at LIMIT ?`,
      before, limit,
    )
    if (!jobs.length) return []
    const tasks = this.exec<{ job_id: string; images: string | null }>(
      `SELECT job_id, images FROM tasks WHERE job_id IN (${jobs.map(() => '?').join(', ')}) AND images IS NOT NULL`,
      ...jobs.map((j) => j.id),
    )
    return jobs.map((job) => {
      const indexes = new Set<number>()
      for (const images of [job.images, ...tasks.filter((t) => t.job_id === job.id).map((t) => t.images!)]) {
        for (const image of JSON.parse(images) as { index: number }[]) indexes.add(image.index)
      }
      const options = job.options ? (JSON.parse(job.options) as { inputs?: string[] }) : {}
      return {
        id: job.id,
        keys: [...[...indexes].map((i) => `jobs/${job.id}/${i}`), ...(options.inputs ?? ['image']).map((slot) => `inputs/${job.id}/${slot}`)],
      }
    })
  }

  /** Deletes finished jobs with their tasks and idempotency keys; usage days older than `usageBefore` go too. */
  purge(ids: string[], usageBefore: string): void {
    const marks = ids.map(() => '?').join(', ')
    this.exec(`INSERT INTO meta (key, value) VALUES ('seq_floor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, String(this.seq))
    this.exec(`DELETE FROM tasks WHERE job_id IN (${marks})`, ...ids)
    this.exec(`DELETE FROM idempotency_keys WHERE job_id IN (${marks})`, ...ids)
    this.exec(`DELETE FROM jobs WHERE id IN (${marks}) AND ${ENDED}`, ...ids)
    this.exec('DELETE FROM usage WHERE day < ?', usageBefore)
    this.usage.clear()
    for (const id of ids) this.recent.delete(id)
    this.oldestEndedAt = this.findOldestEnded()
  }

  private findOldestEnded(): number | null {
    return this.exec<{ at: number | null }>(`SELECT MIN(updated_at) AS at FROM jobs WHERE ${ENDED}`)[0]?.at ?? null
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

  /** Deletes keys past their 24 h, at most once an hour (`keyedJobId` ignores them meanwhile). */
  purgeExpiredKeys(now: number): void {
    if (now - this.keysPurgedAt < KEY_PURGE_INTERVAL_MS) return
    this.keysPurgedAt = now
    this.exec('DELETE FROM idempotency_keys WHERE created_at <= ?', now - IDEMPOTENCY_TTL_MS)
  }

  used(day: string): number {
    let used = this.usage.get(day)
    if (used === undefined) {
      used = this.exec<{ used: number }>('SELECT used FROM usage WHERE day = ?', day)[0]?.used ?? 0
      if (this.usage.size > 8) this.usage.clear()
      this.usage.set(day, used)
    }
    return used
  }

  /** Adds `n` images to the day if that stays within `limit`; returns whether it did. */
  charge(day: string, n: number, limit: number): boolean {
    const used = this.used(day)
    if (used + n > limit) return false
    this.exec('INSERT INTO usage (day, used) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET used = excluded.used', day, used + n)
    this.usage.set(day, used + n)
    return true
  }

  refund(day: string, n: number): void {
    this.exec('UPDATE usage SET used = MAX(0, used - ?) WHERE day = ?', n, day)
    this.usage.delete(day)
  }
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('')
}
