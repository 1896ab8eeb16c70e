import { DurableObject } from 'cloudflare:workers'
import type { ErrorCode } from '../../shared/api/enums'
import type { JobCost, JobError } from '../../shared/api/schemas'
import { readConfig, type Config } from '../config'
import type { Env } from '../env'
import { isOverdue, timeoutError } from '../jobs/deadline'
import { isTerminal, type JobRow, type StoredImage } from '../jobs/job-row'
import { nextUtcMidnight, utcDay } from '../jobs/budget'
import { DEFAULT_JOB_RETENTION_DAYS, PURGE_BATCH, PURGE_RETRY_MS, purgeDueAt, retentionMs } from '../jobs/retention'
import { ImageCopyError, imageKey, storeImagesAsync } from '../jobs/store-images'
import { inputSlots } from '../jobs/input-slots'
import { deleteInputsAsync, loadInputsAsync, storeInputsAsync, type CheckedInput, type InputSlot } from '../jobs/job-inputs'
import type { JobOptions } from '../jobs/job-row'
import { jobErrorFor, taskInputAsync } from '../jobs/task-input'
import { logEvent } from '../log'
import { failureCode } from '../providers/failure-code'
import { ProviderError, type InputImage, type TaskState } from '../providers/provider'
import { createProvider } from '../providers/registry'
import { upstreamStubAsync } from '../upstream/upstream-stub'
import { decodeChangeCursor, encodeChangeCursor } from './change-cursor'
import { ChangeSignal } from './change-signal'
import { OwnerStore, type ActiveJob } from './owner-store'
import { splitJob, type TaskRow } from './task-row'

/** An error the route turns into the API's error envelope (errors cross RPC as data, not as classes). */
export interface OwnerFailure {
  code: ErrorCode
  message: string
  retryAfter?: number
  details?: { path: string; message: string }[]
  /** The upstream's own code behind a refusal, for the request log. */
  upstreamCode?: number | string
}

export type CreateOutcome = { kind: 'created' | 'replayed'; job: JobRow } | { kind: 'error'; error: OwnerFailure }
export type ChangesOutcome = { kind: 'changes'; jobs: JobRow[]; cursor: string } | { kind: 'error'; error: OwnerFailure }

/** Seconds to wait after 429 `rate_limited` (too many unfinished jobs). */
const RATE_LIMIT_RETRY_AFTER_S = 5
/**
 * Upstream reads per task: about once a second, or every 5 s as a safety net when callbacks report changes (a lost
 * webhook then costs seconds, not the job; reads cost no storage and Kling sets no query limit).
 */
const POLL_MS = 1_000
const POLL_WITH_CALLBACKS_MS = 5_000
/**
 * Task steps one alarm runs at once (a Worker invocation keeps 6 connections open; more would queue inside the
 * runtime and hold up the owner's requests). Steps still due run at the next alarm, at once.
 */
const ALARM_PARALLEL = 6
/** After an upstream hiccup, or an unknown submission outcome, look again this much later. */
const RETRY_MS = 2_000
/** A seller task whose submit went unanswered waits this long between checks for the webhook that names it. */
const AWAIT_WEBHOOK_MS = 5_000
/**
 * How long a seller task whose submit went unanswered keeps its slots while we wait for its webhook. If the seller
 * never made the task, holding them to the deadline would starve the queue; if it did, the next submit past the
 * account's limit meets a 429 and is requeued, so giving them back early is safe.
 */
const UNCONFIRMED_SLOT_HOLD_MS = 120_000
/** How the provider is named in a job's error. */
const PROVIDER_LABELS = { kling: 'Kling', fal: 'fal.ai', pixeldojo: 'PixelDojo', apimodels: 'apimodels.app' } as const
/** A task waiting for slots asks the upstream queue again this often, in case an admission notice was lost. */
const REQUEUE_CHECK_MS = 30_000
/** Changed jobs per `GET /v1/changes` answer; more follow with the next cursor. */
const CHANGES_PAGE = 100

/** What lives only in memory: rebuilt from storage when the object starts (after an eviction or a restart). */
export interface OwnerMemory {
  store: OwnerStore
  signal: ChangeSignal
  /** When each task is next due for an upstream step; absent = due now (so after a restart, everything is). */
  nextStep: Map<string, number>
  /** Tasks with a step in progress, and those asked for another step meanwhile (a callback landed). */
  inflight: Set<string>
  again: Set<string>
  /** Tasks this instance admitted and has not tried to submit yet: the only ones submitted without a lookup. */
  fresh: Set<string>
  /** Queue positions the upstream object reported for waiting tasks. */
  positions: Map<string, number>
  alarmAt: number | null
  releasesPending: boolean
  /** When a callback last named each task: the start of its timing line (`task_succeeded`). */
  heardAt: Map<string, number>
  /** No retention purge before this (R2 refused a delete a moment ago). */
  purgeNotBefore: number
  /** Since when each seller task with an unanswered submit has waited for the webhook that names it. */
  unconfirmedSince: Map<string, number>
}

export function ownerMemory(sql: SqlStorage): OwnerMemory {
  return {
    store: new OwnerStore(sql),
    signal: new ChangeSignal(),
    nextStep: new Map(),
    inflight: new Set(),
    again: new Set(),
    fresh: new Set(),
    positions: new Map(),
    alarmAt: null,
    releasesPending: true,
    heardAt: new Map(),
    purgeNotBefore: 0,
    unconfirmedSince: new Map(),
  }
}

/**
 * One owner's jobs (OWNERS binding, one object per owner, SQLite storage). The object runs one event at a time
 * between awaits, so budget, idempotency and every job transition are serialised without claims or leases.
 * Requests wait on an in-memory signal; each task's next upstream step is the object's alarm.
 */
export class OwnerObject extends DurableObject<Env> {
  private mem: OwnerMemory
  private config: Config | null = null

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.mem = ownerMemory(ctx.storage.sql)
    // Whatever ran before a restart continues: the alarm, if one is set, runs every due task.
    void ctx.storage.getAlarm().then((at) => {
      this.mem.alarmAt = at
      if (at === null && (this.mem.store.active.size || this.mem.store.oldestEndedAt !== null)) void this.scheduleAlarmAsync()
    })
  }

  // ---- RPC from routes ----

  /**
   * Creates a job: an idempotency replay, the active-job limit and the budget are decided before the first await,
   * so concurrent creates can neither pass a limit together nor make two jobs of one key. Then the input is kept
   * in R2, the tasks join the upstream queue, and admitted tasks are submitted before answering.
   */
  async create(config: Config, draft: JobRow, key: string | null, checked: CheckedInput[]): Promise<CreateOutcome> {
    this.useConfig(config)
    const store = this.mem.store
    const now = draft.created_at
    if (key) {
      const id = store.keyedJobId(key, now)
      const job = id ? store.get(id) : null
      if (job) return { kind: 'replayed', job }
    }
    if (store.active.size >= config.maxActiveJobs) {
      return fail('rate_limited', `You already have ${config.maxActiveJobs} unfinished jobs; wait for one to finish or cancel one.`, RATE_LIMIT_RETRY_AFTER_S)
    }
    const day = draft.charge_day
    if (!store.charge(day, draft.n, config.dailyImageLimit)) {
      const left = Math.max(0, config.dailyImageLimit - store.used(day))
      return fail(
        'insufficient_credits',
        `This job needs ${draft.n} image${draft.n === 1 ? '' : 's'} but only ${left} of your ${config.dailyImageLimit} daily images are left; the budget resets at ${nextUtcMidnight(now)}.`,
      )
    }
    store.purgeExpiredKeys(now)
    // A series is one upstream task whatever its size: its images belong together.
    const series = (JSON.parse(draft.options ?? '{}') as JobOptions).result_type === 'series'
    const tasks = splitJob(draft.id, draft.n, series ? draft.n : config.upstreamConcurrency)
    // The object's statement count before and after a job (see `endJob`): what one job costs in storage.
    logEvent('info', 'job_created', { job_id: draft.id, tasks: tasks.length, statements: store.statements })
    store.insert(draft, tasks, key)
    this.changed()
    const entry = store.active.get(draft.id)!

    let inputs = new Map<InputSlot, InputImage>()
    if (checked.length) {
      try {
        const stored = await storeInputsAsync(this.env.IMAGES, draft.id, checked)
        inputs = new Map(stored.map((image, i) => [checked[i].slot, image]))
      } catch (error) {
        logEvent('error', 'input_store_failed', { job_id: draft.id, error: error instanceof Error ? error.message : 'unknown' })
        const what = checked.length > 1 ? 'The input images' : 'The input image'
        this.failJob(entry, { code: 'internal_error', message: `${what} could not be stored.` })
        return fail('internal_error', `${what} could not be stored; please try again.`)
      }
    }
    const admitted = await this.enqueueAsync(entry)
    const outcomes = await Promise.all(admitted.map((task) => this.stepGuardedAsync(task, { inputs })))
    const refused = outcomes.find((o): o is ProviderError => o instanceof ProviderError)
    await this.scheduleAlarmAsync()
    if (refused && entry.job.status === 'failed') {
      const code = failureCode(refused.reason)
      const failure = fail(code, refused.message, code === 'upstream_unavailable' ? (refused.retryAfter ?? 30) : undefined)
      if (refused.upstreamCode !== undefined) failure.error.upstreamCode = refused.upstreamCode
      return failure
    }
    return { kind: 'created', job: store.get(draft.id) ?? entry.job }
  }

  /** The job, held up to `waitSeconds` until it finishes. Waiting reads no storage: it sleeps on the signal. */
  async getJob(config: Config, id: string, waitSeconds: number): Promise<JobRow | null> {
    this.useConfig(config)
    const store = this.mem.store
    let job = store.get(id)
    const until = Date.now() + waitSeconds * 1000
    while (job && !isTerminal(job.status) && Date.now() < until) {
      await this.mem.signal.wait(until - Date.now())
      job = store.get(id) ?? job
    }
    return job
  }

  async listJobs(limit: number, after: { created_at: number; id: string } | null): Promise<JobRow[]> {
    return this.mem.store.list(limit, after)
  }

  /**
   * `GET /v1/changes`: jobs changed after the cursor, each once in its latest state, oldest change first, held up
   * to `waitSeconds` until there is one. Without a cursor: the unfinished jobs and the current cursor.
   */
  async changes(config: Config, after: string | null, waitSeconds: number): Promise<ChangesOutcome> {
    this.useConfig(config)
    const store = this.mem.store
    if (after === null) {
      const jobs = [...store.active.values()].map((e) => e.job).sort((a, b) => a.change_seq - b.change_seq)
      return { kind: 'changes', jobs, cursor: encodeChangeCursor({ epoch: store.epoch, seq: store.seq }) }
    }
    const cursor = decodeChangeCursor(after)
    if (!cursor || cursor.epoch !== store.epoch || cursor.seq > store.seq) {
      return fail('invalid_request', 'The cursor is unknown or expired; start again without `after`.', undefined, [
        { path: 'after', message: 'is not a cursor of this feed; omit it to start again' },
      ])
    }
    const until = Date.now() + waitSeconds * 1000
    while (store.seq === cursor.seq && Date.now() < until) await this.mem.signal.wait(until - Date.now())
    if (store.seq === cursor.seq) return { kind: 'changes', jobs: [], cursor: after }
    const jobs = store.changedSince(cursor.seq, CHANGES_PAGE)
    return { kind: 'changes', jobs, cursor: encodeChangeCursor({ epoch: store.epoch, seq: jobs[jobs.length - 1].change_seq }) }
  }

  /** Cancels an unfinished job (no refund: the seller bills the task anyway). Null when there is no such job. */
  async cancel(config: Config, id: string): Promise<JobRow | null> {
    this.useConfig(config)
    const entry = this.mem.store.active.get(id)
    if (entry) {
      const job = entry.job
      job.status = 'canceled'
      job.queue_position = null
      job.updated_at = Date.now()
      this.endJob(entry)
      await this.scheduleAlarmAsync()
    }
    return this.mem.store.get(id)
  }

  /** Images used on `day`, for capabilities. */
  async used(day: string): Promise<number> {
    return this.mem.store.used(day)
  }

  /** True when the job has ended (or does not exist): its inputs may be forgotten. For routes serving inputs. */
  async hasEnded(id: string): Promise<boolean> {
    const job = this.mem.store.get(id)
    return !job || isTerminal(job.status)
  }

  /** The input slots of a running job (what `GET /v1/inputs` may serve); null when it ended or does not exist. */
  async runningInputSlots(id: string): Promise<string[] | null> {
    const job = this.mem.store.active.get(id)?.job
    return job && !isTerminal(job.status) ? inputSlots(job) : null
  }

  /**
   * A callback named this job: whether it exists. Its tasks become due; `refreshNow` then reads them. `namedTaskId`
   * is the task a seller's webhook names: adopted by the job's first task still without a handle (its submit went
   * unanswered), never replacing one the submit recorded.
   */
  async callback(config: Config, id: string, namedTaskId: string | null = null): Promise<boolean> {
    this.useConfig(config)
    const entry = this.mem.store.active.get(id)
    const orphan = namedTaskId && entry && !entry.tasks.some((t) => t.task_id === namedTaskId) ? entry.tasks.find((t) => t.state === 'admitted' && !t.task_id) : undefined
    if (entry && orphan && namedTaskId) {
      this.mem.fresh.delete(orphan.task_key)
      this.recordTask(entry, orphan, namedTaskId)
      logEvent('info', 'task_adopted_from_webhook', { task_key: orphan.task_key })
    }
    if (!entry) return this.mem.store.get(id) !== null
    const now = Date.now()
    for (const task of entry.tasks) {
      this.mem.nextStep.delete(task.task_key)
      this.mem.heardAt.set(task.task_key, now)
    }
    return true
  }

  /**
   * Reads the job's tasks upstream now; a step already running is followed by another one. Called by the callback
   * route after it answered, as its own RPC: the reads and image copies run within that call, not as leftovers of
   * a finished one.
   */
  async refreshNow(config: Config, id: string): Promise<void> {
    this.useConfig(config)
    const entry = this.mem.store.active.get(id)
    if (!entry) return
    await Promise.all(entry.tasks.filter((t) => t.state === 'admitted' || t.state === 'submitted').map((t) => this.stepGuardedAsync(t, { again: true })))
    await this.scheduleAlarmAsync()
  }

  /** Statements run since this instance started (tests and benchmarks). */
  async statementCount(): Promise<number> {
    return this.mem.store.statements
  }

  // ---- RPC from the upstream object ----

  /** These tasks now hold their slots: submit them. Tasks of jobs that ended meanwhile give them back. */
  async admitted(keys: string[]): Promise<void> {
    const tasks = this.applyAdmitted(keys)
    const known = new Set(tasks.map((t) => t.task_key))
    const stale = keys.filter((k) => !known.has(k))
    if (stale.length) void this.releaseAsync(stale)
    for (const task of tasks) void this.stepGuardedAsync(task, {}).then(() => this.scheduleAlarmAsync())
  }

  /** Queue positions of this owner's waiting tasks. */
  async positions(positions: Record<string, number>): Promise<void> {
    const touched = new Set<ActiveJob>()
    for (const [key, position] of Object.entries(positions)) {
      const entry = this.entryOfTask(key)
      if (!entry) continue
      this.mem.positions.set(key, position)
      touched.add(entry)
    }
    for (const entry of touched) this.updateQueuePosition(entry)
  }

  // ---- alarm ----

  /** Deadlines first, then every task whose next step is due. */
  override async alarm(): Promise<void> {
    this.mem.alarmAt = null
    const now = Date.now()
    const store = this.mem.store
    for (const entry of [...store.active.values()]) {
      const config = this.currentConfig()
      if (isOverdue(entry.job, now, config.jobDeadlineMs)) this.failJob(entry, timeoutError(PROVIDER_LABELS[config.provider], config.jobDeadlineMs))
    }
    const due: TaskRow[] = []
    for (const entry of store.active.values()) {
      for (const task of entry.tasks) {
        if (task.state !== 'done' && (this.mem.nextStep.get(task.task_key) ?? 0) <= now) due.push(task)
      }
    }
    let next = 0
    const worker = async () => {
      while (next < due.length) await this.stepGuardedAsync(due[next++], {})
    }
    await Promise.all(Array.from({ length: Math.min(ALARM_PARALLEL, due.length) }, worker))
    if (this.mem.releasesPending) {
      const stale = store.unreleasedTasks()
      this.mem.releasesPending = stale.length > 0 && !(await this.releaseAsync(stale.map((t) => t.task_key)))
    }
    if (this.purgeAt() <= now) await this.purgeAsync(now)
    await this.scheduleAlarmAsync()
  }

  // ---- retention ----

  /**
   * Deletes finished jobs older than the retention, a batch at a time: their images and any leftover inputs in R2
   * first, then their rows (so a failed R2 delete leaves rows that point at what is still to delete, never the
   * other way round). A waiting request or a running job is never touched.
   */
  private async purgeAsync(now: number): Promise<void> {
    const days = this.retentionDays()
    const expired = this.mem.store.expiredJobs(now - retentionMs(days), PURGE_BATCH)
    if (!expired.length) return
    const keys = expired.flatMap((job) => job.keys)
    try {
      // R2 deletes at most 1000 keys per call.
      for (let i = 0; i < keys.length; i += 1000) await this.env.IMAGES.delete(keys.slice(i, i + 1000))
    } catch (error) {
      logEvent('warn', 'purge_failed', { jobs: expired.length, error: error instanceof Error ? error.message : 'unknown' })
      this.mem.purgeNotBefore = Date.now() + PURGE_RETRY_MS
      return
    }
    this.mem.store.purge(
      expired.map((job) => job.id),
      utcDay(now - retentionMs(days)),
    )
    logEvent('info', 'jobs_purged', { jobs: expired.length, r2_keys: keys.length, retention_days: days })
  }

  /** When the oldest finished job is due for deletion (Infinity when none is stored). */
  private purgeAt(): number {
    const oldest = this.mem.store.oldestEndedAt
    return oldest === null ? Infinity : Math.max(purgeDueAt(oldest, this.retentionDays()), this.mem.purgeNotBefore)
  }

  private retentionDays(): number {
    // The alarm may run before any request brought a configuration; a broken one keeps jobs (the default) rather
    // than failing the alarm.
    return this.config?.jobRetentionDays ?? (readConfig(this.env) as { config?: Config }).config?.jobRetentionDays ?? DEFAULT_JOB_RETENTION_DAYS
  }

  // ---- steps ----

  /**
   * One upstream step of a task, never two at once for the same task. With `again`, a step already in progress
   * is followed by another (a callback may report what that step's read missed). Returns a definite refusal of a
   * submission, for `create` to answer with.
   */
  private async stepGuardedAsync(task: TaskRow, options: { inputs?: Map<InputSlot, InputImage>; again?: boolean }): Promise<ProviderError | null> {
    const { inflight, again } = this.mem
    if (inflight.has(task.task_key)) {
      if (options.again) again.add(task.task_key)
      return null
    }
    inflight.add(task.task_key)
    let refused: ProviderError | null = null
    try {
      do {
        again.delete(task.task_key)
        refused = await this.stepAsync(task, options.inputs)
      } while (again.has(task.task_key))
    } catch (error) {
      logEvent('error', 'task_step_failed', { task_key: task.task_key, error: error instanceof Error ? error.message : 'unknown' })
      this.mem.nextStep.set(task.task_key, Date.now() + RETRY_MS)
    } finally {
      inflight.delete(task.task_key)
    }
    return refused
  }

  private async stepAsync(task: TaskRow, inputs: Map<InputSlot, InputImage> | undefined): Promise<ProviderError | null> {
    const entry = this.mem.store.active.get(task.job_id)
    if (!entry || task.state === 'done') return null
    switch (task.state) {
      case 'queued':
        for (const admitted of await this.enqueueAsync(entry)) void this.stepGuardedAsync(admitted, {})
        return null
      case 'admitted':
        // Admitted just now: submit. Otherwise a submission may have been tried (by this instance with an unknown
        // outcome, or before a restart): the seller may have the task already, so look it up first.
        if (this.mem.fresh.delete(task.task_key)) return this.submitAsync(entry, task, inputs)
        return this.readAsync(entry, task, true)
      case 'submitted':
        return this.readAsync(entry, task, false)
    }
  }

  /** Creates the task upstream. Over the seller's limit, it goes back to the head of the queue. */
  private async submitAsync(entry: ActiveJob, task: TaskRow, inputs: Map<InputSlot, InputImage> | undefined): Promise<ProviderError | null> {
    const config = this.currentConfig()
    if (inputs === undefined) {
      const loaded = entry.job.has_input ? await loadInputsAsync(this.env.IMAGES, entry.job.id, inputSlots(entry.job)) : new Map<InputSlot, InputImage>()
      if (!loaded) {
        this.failJob(entry, { code: 'internal_error', message: 'The input images of this job were lost; please try again.' })
        return null
      }
      inputs = loaded
    }
    try {
      const provider = createProvider(config)
      const input = await taskInputAsync(config, entry.job, { key: task.task_key, n: task.n }, inputs, provider.imageInput)
      const { taskId } = await provider.submit(input)
      if (!this.isActive(entry)) return null
      this.recordTask(entry, task, taskId)
      return null
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error
      if (!this.isActive(entry)) return null
      if (error.maybeCreated) {
        this.mem.nextStep.set(task.task_key, Date.now() + RETRY_MS)
        return null
      }
      if (error.reason === 'at_capacity') {
        await this.requeueAsync(entry, task)
        return null
      }
      this.failJob(entry, jobErrorFor(error))
      return error
    }
  }

  /** Reads the task upstream and moves the job on. `lookup`: no handle yet, find it by our key or submit it. */
  private async readAsync(entry: ActiveJob, task: TaskRow, lookup: boolean): Promise<ProviderError | null> {
    const config = this.currentConfig()
    const provider = createProvider(config)
    if (!task.task_id && !provider.findsTasksByJobId) {
      // A seller cannot be asked by our id, and nothing is ever submitted twice: the submit went unanswered, and
      // only the seller's webhook can name the task (`callback` adopts it). Until then, or the deadline, wait.
      const now = Date.now()
      const since = this.mem.unconfirmedSince.get(task.task_key) ?? now
      this.mem.unconfirmedSince.set(task.task_key, since)
      if (!task.released && now - since >= UNCONFIRMED_SLOT_HOLD_MS && (await this.releaseAsync([task.task_key]))) {
        task.released = 1
        logEvent('info', 'unconfirmed_task_slots_released', { task_key: task.task_key, waited_ms: now - since })
      }
      this.mem.nextStep.set(task.task_key, now + AWAIT_WEBHOOK_MS)
      return null
    }
    let state: (TaskState & { taskId: string }) | null
    const readFrom = Date.now()
    try {
      state = await provider.read({ jobId: task.task_key, operation: entry.job.operation, taskId: task.task_id })
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error
      this.mem.nextStep.set(task.task_key, Date.now() + RETRY_MS)
      return null
    }
    if (!this.isActive(entry)) return null
    if (!state) {
      if (task.task_id) {
        this.failJob(entry, { code: 'upstream_error', message: `${PROVIDER_LABELS[config.provider]} no longer knows this task.` })
        return null
      }
      if (lookup) logEvent('info', 'task_resubmitted', { task_key: task.task_key })
      return this.submitAsync(entry, task, undefined)
    }
    if (!task.task_id) this.recordTask(entry, task, state.taskId)
    this.mem.nextStep.set(task.task_key, Date.now() + this.pollMs())
    switch (state.state) {
      case 'queued':
        return null
      case 'running':
        if (entry.job.status === 'queued') {
          entry.job.status = 'running'
          entry.job.updated_at = Date.now()
          this.mem.store.saveJob(entry.job, true)
          this.changed()
        }
        return null
      case 'failed':
        this.failJob(entry, { code: failureCode(state.reason), message: state.message })
        return null
      case 'succeeded':
        await this.storeResultsAsync(entry, task, state.images, state.cost ?? null, { readFrom, readAt: Date.now() })
        return null
    }
  }

  /** Copies a finished task's images (its slots are free from now on); the job succeeds with its last task. */
  private async storeResultsAsync(
    entry: ActiveJob,
    task: TaskRow,
    images: { index: number; url: string }[],
    cost: JobCost | null,
    timing: { readFrom: number; readAt: number },
  ): Promise<void> {
    // Given back now, while the images download; the task's row records it with its images below (one write, not
    // two), unless the release failed by then: the alarm then tries again.
    let releaseFailed = false
    void this.releaseAsync([task.task_key], false).then((ok) => (releaseFailed = !ok))
    const sources = images.map((image, i) => ({ index: task.first_index + i, url: image.url }))
    let stored: StoredImage[]
    try {
      stored = await storeImagesAsync(this.env.IMAGES, entry.job.id, sources)
    } catch (error) {
      if (!(error instanceof ImageCopyError)) throw error
      logEvent('warn', 'result_copy_failed', { job_id: entry.job.id, permanent: error.permanent, reason: error.message })
      if (error.permanent) this.failJob(entry, { code: 'upstream_error', message: error.message })
      else this.mem.nextStep.set(task.task_key, Date.now() + RETRY_MS)
      return
    }
    if (!this.isActive(entry)) {
      // Canceled (or timed out) while we copied: its images must never be shown.
      await this.env.IMAGES.delete(stored.map((image) => imageKey(entry.job.id, image.index)))
      return
    }
    const copiedAt = Date.now()
    task.state = 'done'
    task.images = JSON.stringify(stored)
    task.released = releaseFailed ? 0 : 1
    if (cost) task.provider_data = JSON.stringify({ ...JSON.parse(task.provider_data ?? '{}'), cost })
    this.mem.store.saveTask(task)
    // Where the time from the seller's "done" to the waiting client goes (the latency benchmark reads this line).
    const heardAt = this.mem.heardAt.get(task.task_key) ?? null
    const logTiming = () =>
      logEvent('info', 'task_succeeded', {
        job_id: entry.job.id,
        task_key: task.task_key,
        heard_at: heardAt,
        read_from: timing.readFrom,
        read_at: timing.readAt,
        copied_at: copiedAt,
        saved_at: Date.now(),
      })
    this.mem.heardAt.delete(task.task_key)
    if (entry.tasks.some((t) => t.state !== 'done')) return logTiming()
    const job = entry.job
    job.images = JSON.stringify(entry.tasks.flatMap((t) => JSON.parse(t.images ?? '[]') as StoredImage[]).sort((a, b) => a.index - b.index))
    job.status = 'succeeded'
    job.queue_position = null
    job.cost = totalCost(entry.tasks)
    job.updated_at = Date.now()
    this.dropInputs(job)
    this.mem.store.saveJob(job, true)
    logEvent('info', 'job_ended', { job_id: job.id, status: job.status, statements: this.mem.store.statements })
    this.changed()
    logTiming()
  }

  private recordTask(_entry: ActiveJob, task: TaskRow, taskId: string): void {
    task.task_id = taskId
    task.state = 'submitted'
    this.mem.unconfirmedSince.delete(task.task_key)
    this.mem.store.saveTask(task)
    this.mem.nextStep.set(task.task_key, Date.now() + this.pollMs())
  }

  /** A job's input images are kept until it ends (a seller may fetch them by URL while it runs), then deleted. */
  private dropInputs(job: JobRow): void {
    if (!job.has_input) return
    const slots = inputSlots(job)
    job.has_input = 0
    deleteInputsAsync(this.env.IMAGES, job.id, slots).catch((error: unknown) => {
      logEvent('warn', 'input_delete_failed', { job_id: job.id, error: error instanceof Error ? error.message : 'unknown' })
    })
  }

  // ---- the upstream queue ----

  /** Puts the job's waiting tasks in the upstream queue; returns those admitted at once. */
  private async enqueueAsync(entry: ActiveJob): Promise<TaskRow[]> {
    const waiting = entry.tasks.filter((t) => t.state === 'queued')
    if (!waiting.length) return []
    const config = this.currentConfig()
    try {
      const upstream = await upstreamStubAsync(this.env, config)
      const result = await upstream.enqueue(config.upstreamConcurrency, entry.job.owner, waiting.map((t) => ({ key: t.task_key, slots: t.n })))
      if (!this.isActive(entry)) {
        void this.releaseAsync(waiting.map((t) => t.task_key))
        return []
      }
      const admitted = this.applyAdmitted(result.admitted)
      for (const [key, position] of Object.entries(result.positions)) this.mem.positions.set(key, position)
      for (const task of waiting) if (task.state === 'queued') this.mem.nextStep.set(task.task_key, Date.now() + REQUEUE_CHECK_MS)
      this.updateQueuePosition(entry)
      return admitted
    } catch (error) {
      logEvent('warn', 'upstream_enqueue_failed', { job_id: entry.job.id, error: error instanceof Error ? error.message : 'unknown' })
      for (const task of waiting) this.mem.nextStep.set(task.task_key, Date.now() + RETRY_MS)
      return []
    }
  }

  private async requeueAsync(entry: ActiveJob, task: TaskRow): Promise<void> {
    task.state = 'queued'
    this.mem.store.saveTask(task)
    this.mem.nextStep.set(task.task_key, Date.now() + REQUEUE_CHECK_MS)
    logEvent('info', 'task_requeued', { task_key: task.task_key })
    try {
      const upstream = await upstreamStubAsync(this.env, this.currentConfig())
      this.mem.positions.set(task.task_key, await upstream.requeue(entry.job.owner, { key: task.task_key, slots: task.n }))
    } catch {
      this.mem.nextStep.set(task.task_key, Date.now() + RETRY_MS)
    }
    this.updateQueuePosition(entry)
  }

  private applyAdmitted(keys: string[]): TaskRow[] {
    const admitted: TaskRow[] = []
    for (const key of keys) {
      const entry = this.entryOfTask(key)
      const task = entry?.tasks.find((t) => t.task_key === key)
      if (!entry || !task) continue
      if (task.state === 'queued') {
        task.state = 'admitted'
        this.mem.store.saveTask(task)
        this.mem.positions.delete(key)
        this.mem.fresh.add(key)
        this.mem.nextStep.set(key, 0)
      }
      if (task.state === 'admitted') admitted.push(task)
      this.updateQueuePosition(entry)
    }
    return admitted
  }

  /** The job's place in the queue: its first waiting task's; null once none waits. Written only when it moved. */
  private updateQueuePosition(entry: ActiveJob): void {
    const places = entry.tasks.filter((t) => t.state === 'queued').map((t) => this.mem.positions.get(t.task_key) ?? Infinity)
    const best = places.length ? Math.min(...places) : null
    const position = best === null ? null : Number.isFinite(best) ? best : entry.job.queue_position
    if (position === entry.job.queue_position || !this.isActive(entry)) return
    entry.job.queue_position = position
    this.mem.store.saveJob(entry.job, true)
    this.changed()
  }

  /** Gives slots (or places in the queue) back; true when the upstream object has them. */
  private async releaseAsync(keys: string[], record = true): Promise<boolean> {
    if (!keys.length) return true
    try {
      const upstream = await upstreamStubAsync(this.env, this.currentConfig())
      await upstream.release(keys)
      if (record) this.mem.store.markReleased(keys)
      return true
    } catch (error) {
      logEvent('warn', 'upstream_release_failed', { error: error instanceof Error ? error.message : 'unknown' })
      this.mem.releasesPending = true
      return false
    }
  }

  // ---- job endings ----

  /** Fails an unfinished job and refunds its charge (once: the charge is zeroed in the same write). */
  private failJob(entry: ActiveJob, error: JobError): boolean {
    const job = entry.job
    if (isTerminal(job.status)) return false
    if (job.charged > 0) this.mem.store.refund(job.charge_day, job.charged)
    job.status = 'failed'
    job.error_code = error.code
    job.error_message = error.message
    job.charged = 0
    job.queue_position = null
    job.updated_at = Date.now()
    this.endJob(entry)
    return true
  }

  /** Writes a job that just ended, frees its slots and its input, and wakes the waiters. */
  private endJob(entry: ActiveJob): void {
    this.dropInputs(entry.job)
    this.mem.store.saveJob(entry.job, true)
    logEvent('info', 'job_ended', { job_id: entry.job.id, status: entry.job.status, statements: this.mem.store.statements })
    const open = entry.tasks.filter((t) => t.released === 0 && t.state !== 'done')
    for (const task of entry.tasks) {
      this.mem.nextStep.delete(task.task_key)
      this.mem.heardAt.delete(task.task_key)
      this.mem.unconfirmedSince.delete(task.task_key)
    }
    void this.releaseAsync(open.map((t) => t.task_key))
    this.changed()
  }

  // ---- helpers ----

  private changed(): void {
    this.mem.signal.notify()
  }

  private isActive(entry: ActiveJob): boolean {
    return this.mem.store.active.get(entry.job.id) === entry
  }

  private entryOfTask(key: string): ActiveJob | undefined {
    return this.mem.store.active.get(key.replace(/-\d+$/, ''))
  }

  /** The next alarm: the earliest due task step, job deadline, pending release or retention purge. */
  private async scheduleAlarmAsync(): Promise<void> {
    const now = Date.now()
    let at = Infinity
    for (const entry of this.mem.store.active.values()) {
      at = Math.min(at, entry.job.created_at + this.currentConfig().jobDeadlineMs)
      for (const task of entry.tasks) {
        if (task.state !== 'done' && !this.mem.inflight.has(task.task_key)) at = Math.min(at, this.mem.nextStep.get(task.task_key) ?? now)
      }
    }
    if (this.mem.releasesPending) at = Math.min(at, now + RETRY_MS)
    at = Math.min(at, this.purgeAt())
    // Each alarm write is a storage commit (locally an fsync that holds up the whole runtime, waiting clients
    // included), so the alarm only ever moves earlier: one set too early runs, finds nothing due, and sets the next.
    if (at === Infinity) return
    at = Math.max(at, now)
    if (this.mem.alarmAt !== null && this.mem.alarmAt <= at) return
    this.mem.alarmAt = at
    await this.ctx.storage.setAlarm(at)
  }

  private pollMs(): number {
    const config = this.currentConfig()
    return config.publicBaseUrl && config.callbackSecret && createProvider(config).sendsCallbacks ? POLL_WITH_CALLBACKS_MS : POLL_MS
  }

  /** Routes pass the configuration they checked; the alarm uses the latest one, or reads the environment. */
  private useConfig(config: Config): void {
    const retentionChanged = this.config?.jobRetentionDays !== config.jobRetentionDays
    this.config = config
    // A shorter retention may make finished jobs due sooner than the alarm that is set.
    if (retentionChanged) void this.scheduleAlarmAsync()
  }

  private currentConfig(): Config {
    if (this.config) return this.config
    const result = readConfig(this.env)
    if (!result.ok) throw new Error(`misconfigured: ${result.setting}`)
    return (this.config = result.config)
  }
}

/** What the seller charged for the job: the sum over its tasks, when every task reported it in one unit. */
function totalCost(tasks: TaskRow[]): string | null {
  const costs = tasks.map((t) => (JSON.parse(t.provider_data ?? '{}') as { cost?: JobCost }).cost)
  if (!costs.length || costs.some((c) => !c) || new Set(costs.map((c) => c!.unit)).size !== 1) return null
  return JSON.stringify({ amount: costs.reduce((sum, c) => sum + c!.amount, 0), unit: costs[0]!.unit })
}

function fail(code: ErrorCode, message: string, retryAfter?: number, details?: OwnerFailure['details']): { kind: 'error'; error: OwnerFailure } {
  return { kind: 'error', error: { code, message, ...(retryAfter !== undefined ? { retryAfter } : {}), ...(details ? { details } : {}) } }
}
