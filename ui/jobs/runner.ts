/**
 * Runs jobs from submission to placed images: create (with an idempotency key) → wait until terminal (every job
 * through one `GET /v1/changes` long-poll, change-feed.ts; per-job long-polls on a backend without it) →
 * (expand chains: feed the result back as the next pass's input) → fetch each image → check and prepare it for
 * Figma → place it (into existing frames each image as soon as its own bytes arrived, each index once). Jobs wait
 * for a slot of a bounded pool. Jobs that have a backend id are kept with `savePending`, so a reopened plugin
 * resumes polling them and still places their images (those not placed yet).
 *
 * A lost connection or a busy backend never fails a job before its deadline: the job keeps its state with a
 * `stall` saying what is being retried and when. A refused token stops every request until `reconnect` is called
 * with new settings; then the jobs carry on where they were.
 *
 * Framework-free: the panel subscribes to it, and the tests drive it with fakes.
 */
import { TERMINAL_STATUSES } from '../../shared/api/enums'
import type { Changes, CreateJobRequest, Job } from '../../shared/api/schemas'
import type { ImageBytes, PendingJob, PendingJobsUpdate, PlaceRequest, PlaceResult } from '../../shared/protocol/messages'
import { ApiError, isAbortError } from '../api/api-error'
import type { FetchedImage } from '../api/client'
import { toFailure, type Failure } from '../api/describe-error'
import { faultKind, type FaultKind } from '../api/fault-kind'
import { downloadedImageIssue } from '../images/downloaded-image-issue'
import { ChangeFeed } from './change-feed'
import type { JobSpec } from './job-spec'
import { canCancel, isActive, transition, type JobEvent, type JobState } from './job-state'
import { abortError, createLimiter } from './limiter'
import { mergePlaceResults } from './merge-place-results'
import { retryDelayMs } from './retry-delay'

/** The part of ApiClient the runner uses. */
export interface JobsApi {
  createJob(body: CreateJobRequest, options: { idempotencyKey: string }): Promise<{ job: Job; created: boolean }>
  getJob(id: string, options: { wait?: number; signal?: AbortSignal }): Promise<Job>
  /** The change feed; when the backend offers it, every running job is watched through one long-poll. */
  changes?(options: { after?: string | null; wait?: number; signal?: AbortSignal }): Promise<Changes>
  cancelJob(id: string): Promise<Job>
  fetchImage(url: string, signal?: AbortSignal): Promise<FetchedImage>
}

export interface RunnerDeps {
  /** The client for the current settings; null while no backend is configured. */
  api(): JobsApi | null
  place(request: PlaceRequest): Promise<PlaceResult>
  /** Merges a change into the stored list of this document's unfinished jobs (by job id). */
  savePending(update: PendingJobsUpdate): Promise<void> | void
  prepare(image: FetchedImage, options?: { maxBytes?: number }): Promise<ImageBytes>
  toBase64(bytes: Uint8Array): string
  newId(): string
  now(): number
  sleep(ms: number, signal: AbortSignal): Promise<void>
  /** Jobs that may run at once; read at every start. */
  concurrency(): number
  /** Seconds a status request may be held by the backend (default 20). */
  waitSeconds?: number
  /** Upload limit for an image fed back into an expand chain (default 10 MB). */
  maxUploadBytes?: number
}

/** A call of a running job that is being retried: why, and when the next try is due (null: on new settings). */
export interface Stall {
  kind: Exclude<FaultKind, 'fatal'>
  failure: Failure
  retryAt: number | null
}

export interface JobEntry {
  key: string
  spec: JobSpec
  state: JobState
  /** The current backend job (of the current pass); null before it is created. */
  jobId: string | null
  /** 0-based expand pass, and the number of passes (1 for everything else). */
  step: number
  steps: number
  startedAt: number
  endedAt: number | null
  failure: Failure | null
  canRetry: boolean
  result: PlaceResult | null
  /** Set while a lost connection, a busy backend or a refused token holds the job up; null when all is well. */
  stall: Stall | null
  /** Indices of the current backend job's images already placed, ascending; `total` once the job succeeded. */
  placed: readonly number[]
  total: number | null
}

interface Run {
  entry: JobEntry
  controller: AbortController
  idempotencyKey: string
  /** Where a retry starts: a new backend job, or the same one again (it may still finish). */
  retryFrom: 'create' | 'poll'
  /** The request of the current pass when it is not the first (built from the previous pass's image). */
  passRequest: CreateJobRequest | null
  /** What each placed image of the current backend job did, by index: never placed twice. */
  placed: Map<number, PlaceResult>
  /** When connection trouble may fail the job: the backend's own deadline for it has passed by then. */
  deadline: number
}

type Phase = 'wait' | 'create' | 'poll' | 'image'

const FALLBACK_CODE: Record<Phase, string> = {
  wait: 'unknown',
  create: 'unknown',
  poll: 'unknown',
  image: 'image_failed',
}

/** Figma refused a placement: reported as such, whatever the error says. */
class PlacementFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}
/** A create the backend keeps refusing as busy (429, 503) is given up after this many tries; a lost one is not. */
const CREATE_ATTEMPTS = 3
/** Answers that break the contract (wrong JSON, damaged image bytes) are tried this many times, then reported. */
const MALFORMED_ATTEMPTS = 4
const MIN_POLL_INTERVAL_MS = 1000
/**
 * The backend fails a job this long after it was created (server/jobs/deadline.ts, 10 minutes), plus a margin for
 * clocks: until then a job waiting on the network is not given up, because the backend is still working on it.
 */
export const JOB_DEADLINE_MS = 11 * 60 * 1000

export class JobRunner {
  private readonly runs = new Map<string, Run>()
  private readonly listeners = new Set<(entries: readonly JobEntry[]) => void>()
  private readonly limiter
  private entries: readonly JobEntry[] = []
  private restored = false
  /** What was last saved for each pending job id, so only changes are sent. */
  private saved = new Map<string, string>()
  /** One feed per client (a settings change makes a new client). */
  private readonly feeds = new WeakMap<JobsApi, ChangeFeed>()
  /** Jobs held up by a refused token, woken by `reconnect`. */
  private readonly credentialWaiters = new Set<() => void>()

  constructor(private readonly deps: RunnerDeps) {
    this.limiter = createLimiter(() => deps.concurrency())
  }

  /** Newest first; a new array after every change. */
  snapshot(): readonly JobEntry[] {
    return this.entries
  }

  subscribe(listener: (entries: readonly JobEntry[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Starts a job; returns its key in the list. */
  submit(spec: JobSpec): string {
    const key = this.deps.newId()
    const now = this.deps.now()
    const run: Run = {
      entry: this.newEntry(key, spec, null, now),
      controller: new AbortController(),
      idempotencyKey: this.deps.newId(),
      retryFrom: 'create',
      passRequest: null,
      placed: new Map(),
      deadline: now + JOB_DEADLINE_MS,
    }
    this.runs.set(key, run)
    this.emit()
    void this.run(run)
    return key
  }

  /**
   * Picks up the jobs a previous session left running. Until this is called nothing is saved, so an early
   * submit cannot overwrite the stored list before it has been read.
   */
  resume(pending: readonly PendingJob[]): void {
    const known = new Set([...this.runs.values()].map((r) => r.entry.jobId))
    for (const job of pending) {
      if (known.has(job.jobId)) continue
      const { jobId: _, ...meta } = job.meta
      const spec: JobSpec = {
        label: job.label,
        detail: 'Resumed',
        placement: job.placement,
        meta,
        request: null,
        ...(job.remaining?.length ? { chain: job.remaining } : {}),
      }
      const key = this.deps.newId()
      // Images placed before the plugin closed are not placed again (their results are not known any more).
      const placed = new Map((job.placed ?? []).map((index): [number, PlaceResult] => [index, { placedNodeIds: [], skipped: [], focused: false }]))
      const run: Run = {
        entry: { ...this.newEntry(key, spec, job.jobId, job.startedAt), placed: [...placed.keys()].sort((a, b) => a - b) },
        controller: new AbortController(),
        idempotencyKey: this.deps.newId(),
        retryFrom: 'poll',
        passRequest: null,
        placed,
        deadline: job.startedAt + JOB_DEADLINE_MS,
      }
      this.runs.set(key, run)
      void this.run(run)
    }
    this.restored = true
    this.emit()
  }

  /** Stops waiting for a job and cancels it on the backend (its images are never placed). */
  cancel(key: string): void {
    const run = this.runs.get(key)
    if (!run || !canCancel(run.entry.state)) return
    run.controller.abort()
    run.retryFrom = 'create'
    this.move(run, 'cancel')
    const id = run.entry.jobId
    // A job still being created has no id yet: `run` deletes it as soon as the create call answers.
    if (id) this.deps.api()?.cancelJob(id).catch(() => undefined)
  }

  /**
   * Runs a failed or cancelled job again: polls the same backend job when it may still deliver (placing only the
   * images not placed yet), else a new one.
   */
  retry(key: string): void {
    const run = this.runs.get(key)
    if (!run || !run.entry.canRetry || !transition(run.entry.state, 'retry')) return
    run.controller = new AbortController()
    const fresh = run.retryFrom === 'create'
    const now = this.deps.now()
    if (fresh) {
      run.idempotencyKey = this.deps.newId()
      run.placed = new Map()
    }
    run.deadline = now + JOB_DEADLINE_MS
    this.update(run, {
      state: 'queued',
      jobId: fresh ? null : run.entry.jobId,
      failure: null,
      result: null,
      stall: null,
      startedAt: now,
      endedAt: null,
      ...(fresh ? { placed: [], total: null } : {}),
    })
    void this.run(run)
  }

  /** New settings were saved: jobs held up by a refused token (or by no backend) try again with the new client. */
  reconnect(): void {
    const waiters = [...this.credentialWaiters]
    this.credentialWaiters.clear()
    for (const wake of waiters) wake()
  }

  /** Removes finished, failed and cancelled jobs from the list. */
  clearFinished(): void {
    for (const [key, run] of this.runs) if (!isActive(run.entry.state)) this.runs.delete(key)
    this.emit()
  }

  private newEntry(key: string, spec: JobSpec, jobId: string | null, startedAt: number): JobEntry {
    return {
      key,
      spec,
      state: 'queued',
      jobId,
      step: 0,
      steps: 1 + (spec.chain?.length ?? 0),
      startedAt,
      endedAt: null,
      failure: null,
      canRetry: false,
      result: null,
      stall: null,
      placed: [],
      total: null,
    }
  }

  private async run(run: Run): Promise<void> {
    const { controller } = run
    const signal = controller.signal
    const live = () => run.controller === controller && !signal.aborted
    let phase: Phase = 'wait'
    let release: (() => void) | null = null
    try {
      release = await this.limiter.acquire(signal)
      if (!this.deps.api()) throw new ApiError(0, 'not_connected', 'No backend URL or access token is set.')
      for (;;) {
        if (run.entry.jobId === null) {
          phase = 'create'
          const request = run.entry.step === 0 ? run.entry.spec.request : run.passRequest
          if (!request) throw new Error('This job cannot be submitted again.')
          const { job, api } = await this.create(run, request)
          if (!live()) {
            api.cancelJob(job.id).catch(() => undefined)
            return
          }
          run.retryFrom = 'poll'
          run.placed = new Map()
          this.noteCreated(run, job)
          this.update(run, { jobId: job.id, placed: [], total: null })
        }
        phase = 'poll'
        const job = await this.retrying(run, signal, (api) => this.poll(run, api, signal, live))
        if (!live()) return
        if (job.status === 'canceled') {
          run.retryFrom = 'create'
          this.move(run, 'cancel')
          return
        }
        if (job.status === 'failed') {
          run.retryFrom = 'create'
          this.fail(run, job.error ?? { code: 'upstream_error', message: 'The job failed without a reason.' })
          return
        }
        phase = 'image'
        const chain = run.entry.spec.chain ?? []
        if (run.entry.step < chain.length) {
          // An intermediate pass: its first image is the next pass's input.
          const first = job.images[0]
          if (!first) throw new Error('The pass finished without an image.')
          const image = await this.deps.prepare(await this.download(run, first, 1, signal), {
            maxBytes: this.deps.maxUploadBytes ?? 10 * 1024 * 1024,
          })
          if (!live()) return
          // A resumed chain has no first request; its prompt was kept in the placement metadata.
          const prompt = run.entry.spec.request?.prompt ?? run.entry.spec.meta.prompt
          run.passRequest = {
            operation: 'expand',
            image: this.deps.toBase64(image.bytes),
            expansion: chain[run.entry.step],
            ...(prompt ? { prompt } : {}),
          }
          run.idempotencyKey = this.deps.newId()
          run.retryFrom = 'create'
          this.update(run, { step: run.entry.step + 1, jobId: null })
          continue
        }
        this.move(run, 'place')
        this.update(run, { total: job.images.length })
        const result = await this.deliver(run, job, signal, live)
        if (!live()) return
        this.update(run, { result, stall: null })
        this.move(run, 'placed')
        return
      }
    } catch (error) {
      if (!live() || isAbortError(error)) return
      if (error instanceof PlacementFailed) this.fail(run, toFailure(error.cause, 'placement_failed'))
      else this.fail(run, toFailure(error, FALLBACK_CODE[phase]))
    } finally {
      release?.()
    }
  }

  /**
   * Fetches, checks and places a succeeded job's images, skipping those already placed. Into existing frames
   * (`fill`) each image goes as soon as its own bytes are there, image i into target i: one placement (one undo
   * step) at a time per job, taking every image that arrived while the previous one was being placed. New frames
   * are laid out as one row, so their images are placed together. Waits for every image before reporting the
   * first failure, so that nothing is left half-done behind it.
   */
  private async deliver(run: Run, job: Job, signal: AbortSignal, live: () => boolean): Promise<PlaceResult> {
    const { placement } = run.entry.spec
    const meta = { ...run.entry.spec.meta, jobId: job.id }
    const total = job.images.length
    const todo = job.images.filter((image) => !run.placed.has(image.index))
    const fetch = async (image: Job['images'][number]) => this.deps.prepare(await this.download(run, image, total, signal))
    if (placement.kind !== 'fill') {
      const images = await Promise.all(todo.map(fetch))
      if (!live()) return mergePlaceResults([])
      const result = await this.place({ placement, meta, images })
      this.markPlaced(run, todo.map((image) => image.index), result)
      return result
    }
    const ready: { index: number; image: ImageBytes }[] = []
    const placeReady = async () => {
      const batch = ready.splice(0).sort((a, b) => a.index - b.index)
      if (batch.length === 0 || !live()) return
      const nodeIds = batch.map(({ index }) => placement.nodeIds[index])
      const result = await this.place({ placement: { ...placement, nodeIds }, meta, images: batch.map((b) => b.image) })
      this.markPlaced(run, batch.map((b) => b.index), result)
    }
    let placing: Promise<void> = Promise.resolve()
    const outcomes = await Promise.allSettled(
      todo.map(async (image) => {
        const bytes = await fetch(image)
        if (!live()) return
        // More images than targets: nothing to place it into (the targets short of images are reported below).
        if (!placement.nodeIds[image.index]) return this.markPlaced(run, [image.index], mergePlaceResults([]))
        ready.push({ index: image.index, image: bytes })
        placing = placing.then(placeReady)
        await placing
      }),
    )
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
    if (failed) throw failed.reason
    const missing = placement.nodeIds.slice(total).map((nodeId) => ({ nodeId, reason: 'The job returned fewer images than there were targets.' }))
    const byIndex = [...run.placed.entries()].sort(([a], [b]) => a - b).map(([, result]) => result)
    return mergePlaceResults(byIndex, missing)
  }

  /** One image's bytes, retried like every other call; bytes that are not a whole image are never passed on. */
  private async download(run: Run, image: Job['images'][number], total: number, signal: AbortSignal): Promise<FetchedImage> {
    return this.retrying(run, signal, async (api) => {
      const fetched = await api.fetchImage(image.url, signal)
      const issue = downloadedImageIssue(fetched.bytes, fetched.contentType, image)
      const which = total > 1 ? `Image ${image.index + 1} of ${total}` : 'The image'
      // "is not an image (…)" reads on from the name; "its PNG data is cut off" after a colon.
      if (issue) throw new ApiError(200, 'broken_image', issue.startsWith('its ') ? `${which}: ${issue.slice(4)}.` : `${which} ${issue}.`)
      return fetched
    })
  }

  private place(request: PlaceRequest): Promise<PlaceResult> {
    return this.deps.place(request).catch((error: unknown) => {
      throw new PlacementFailed(error)
    })
  }

  /** One placement's result is kept under the first of its indices; the others are marked placed with it. */
  private markPlaced(run: Run, indices: readonly number[], result: PlaceResult): void {
    indices.forEach((index, i) => run.placed.set(index, i === 0 ? result : mergePlaceResults([], [])))
    this.update(run, { placed: [...run.placed.keys()].sort((a, b) => a - b) })
  }

  /**
   * Creates the backend job, repeating the same idempotency key after a lost or throttled answer: one job however
   * often it is sent. Deliberately not aborted by a cancel: once sent, we want the id back so that the job can be
   * deleted. Returns the client it was created with (settings may change on the way).
   */
  private async create(run: Run, request: CreateJobRequest): Promise<{ job: Job; api: JobsApi }> {
    return this.retrying(
      run,
      run.controller.signal,
      async (api) => ({ job: (await api.createJob(request, { idempotencyKey: run.idempotencyKey })).job, api }),
      { busyAttempts: CREATE_ATTEMPTS },
    )
  }

  /**
   * Runs `call` with the current client until it answers or fails for good. Lost connections and busy answers are
   * retried with capped backoff until the job's deadline, a refused token waits for new settings, and malformed
   * answers are retried a few times; meanwhile the job's `stall` says so.
   */
  private async retrying<T>(
    run: Run,
    signal: AbortSignal,
    call: (api: JobsApi) => Promise<T>,
    options: { busyAttempts?: number } = {},
  ): Promise<T> {
    let failures = 0
    let malformed = 0
    for (;;) {
      const api = this.deps.api()
      if (!api) throw new ApiError(0, 'not_connected', 'No backend URL or access token is set.')
      try {
        const result = await call(api)
        this.setStall(run, null)
        return result
      } catch (error) {
        if (isAbortError(error) || signal.aborted) throw error
        const kind = faultKind(error)
        if (kind === 'auth') {
          this.setStall(run, { kind, failure: toFailure(error), retryAt: null })
          await this.nextSettings(signal)
          continue
        }
        failures++
        const retry =
          kind === 'offline' ||
          (kind === 'busy' && failures < (options.busyAttempts ?? Infinity)) ||
          (kind === 'malformed' && ++malformed < MALFORMED_ATTEMPTS)
        const now = this.deps.now()
        if (kind === 'fatal' || !retry || now >= run.deadline) throw error
        const delay = Math.min(retryDelayMs(failures, error), run.deadline - now)
        this.setStall(run, { kind, failure: toFailure(error), retryAt: now + delay })
        await this.deps.sleep(delay, signal)
      }
    }
  }

  private nextSettings(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(abortError())
      const wake = () => {
        signal.removeEventListener('abort', abort)
        resolve()
      }
      const abort = () => {
        this.credentialWaiters.delete(wake)
        reject(abortError())
      }
      this.credentialWaiters.add(wake)
      signal.addEventListener('abort', abort, { once: true })
    })
  }

  /** Waits until the job is terminal: through the change feed, or by long-polling the job where there is none. */
  private async poll(run: Run, api: JobsApi, signal: AbortSignal, live: () => boolean): Promise<Job> {
    const seen = (job: Job) => {
      if (!live()) return
      this.noteCreated(run, job)
      if (job.status !== 'queued') this.move(run, 'start')
    }
    const feed = this.feedFor(api)
    if (feed) return this.watch(run, feed, seen, signal)
    for (;;) {
      const asked = this.deps.now()
      const job = await api.getJob(run.entry.jobId!, { wait: this.deps.waitSeconds ?? 20, signal })
      this.setStall(run, null)
      seen(job)
      if (!live() || TERMINAL_STATUSES.includes(job.status)) return job
      // A server that ignores `wait` must not be hammered.
      const elapsed = this.deps.now() - asked
      if (elapsed < MIN_POLL_INTERVAL_MS) await this.deps.sleep(MIN_POLL_INTERVAL_MS - elapsed, signal)
    }
  }

  /**
   * The feed retries lost connections itself; the job shows each stall, and gives up on its own once its deadline
   * has passed (with the connection error, which `retrying` then reports).
   */
  private watch(run: Run, feed: ChangeFeed, seen: (job: Job) => void, signal: AbortSignal): Promise<Job> {
    return new Promise<Job>((resolve, reject) => {
      const local = new AbortController()
      const stop = () => local.abort()
      signal.addEventListener('abort', stop, { once: true })
      feed
        .watch(
          run.entry.jobId!,
          {
            onUpdate: seen,
            onStall: (error, retryAt) => {
              if (this.deps.now() >= run.deadline) {
                reject(error)
                local.abort()
                return
              }
              const kind = faultKind(error)
              if (kind !== 'fatal') this.setStall(run, { kind, failure: toFailure(error), retryAt })
            },
            onRecover: () => this.setStall(run, null),
          },
          local.signal,
        )
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', stop))
    })
  }

  /** The backend's deadline counts from the job's creation as the backend recorded it. */
  private noteCreated(run: Run, job: Job): void {
    const created = Date.parse(job.created_at)
    if (Number.isFinite(created)) run.deadline = Math.max(run.deadline, created + JOB_DEADLINE_MS)
  }

  private setStall(run: Run, stall: Stall | null): void {
    const current = run.entry.stall
    if (current === stall) return
    if (current && stall && current.kind === stall.kind && current.retryAt === stall.retryAt && current.failure.message === stall.failure.message) return
    this.update(run, { stall })
  }

  private feedFor(api: JobsApi): ChangeFeed | null {
    if (!api.changes) return null
    let feed = this.feeds.get(api)
    if (!feed) {
      const changes = api.changes.bind(api)
      feed = new ChangeFeed(
        { changes, getJob: (id, options) => api.getJob(id, options) },
        { sleep: this.deps.sleep, now: this.deps.now, waitSeconds: this.deps.waitSeconds },
      )
      this.feeds.set(api, feed)
    }
    return feed
  }

  private fail(run: Run, failure: Failure): void {
    const canRetry = run.retryFrom === 'poll' || (run.entry.step === 0 ? run.entry.spec.request !== null : run.passRequest !== null)
    this.update(run, { failure, canRetry, stall: null })
    this.move(run, 'fail')
  }

  private move(run: Run, event: JobEvent): void {
    const next = transition(run.entry.state, event)
    if (!next) return
    const canRetry = next === 'canceled' ? run.entry.spec.request !== null || run.passRequest !== null : run.entry.canRetry
    this.update(run, { state: next, endedAt: isActive(next) ? null : this.deps.now(), canRetry })
  }

  private update(run: Run, patch: Partial<JobEntry>): void {
    run.entry = { ...run.entry, ...patch }
    this.emit()
  }

  private emit(): void {
    this.entries = [...this.runs.values()].map((r) => r.entry).sort((a, b) => b.startedAt - a.startedAt)
    this.persist()
    for (const listener of this.listeners) listener(this.entries)
  }

  /**
   * Saves the jobs a reopened plugin could finish: active and with a backend id, together with the expand passes
   * that would still follow the current one.
   */
  private persist(): void {
    if (!this.restored) return
    const pending: PendingJob[] = []
    for (const { entry } of this.runs.values()) {
      if (!isActive(entry.state) || entry.jobId === null) continue
      const remaining = (entry.spec.chain ?? []).slice(entry.step)
      pending.push({
        jobId: entry.jobId,
        placement: entry.spec.placement,
        meta: { ...entry.spec.meta, jobId: entry.jobId },
        label: entry.spec.label,
        startedAt: entry.startedAt,
        ...(remaining.length ? { remaining } : {}),
        ...(entry.placed.length ? { placed: [...entry.placed] } : {}),
      })
    }
    // Sent as a merge, not the whole list: another window on the same file keeps its own jobs in it.
    const current = new Map(pending.map((p) => [p.jobId, JSON.stringify(p)]))
    const put = pending.filter((p) => this.saved.get(p.jobId) !== current.get(p.jobId))
    const remove = [...this.saved.keys()].filter((id) => !current.has(id))
    if (put.length === 0 && remove.length === 0) return
    this.saved = current
    Promise.resolve(this.deps.savePending({ put, remove })).catch(() => undefined)
  }
}

