/**
 * Runs jobs from submission to placed images: create (with an idempotency key) → wait until terminal (every job
 * through one `GET /v1/changes` long-poll, change-feed.ts; per-job long-polls on a backend without it) →
 * (expand chains: feed the result back as the next pass's input) → fetch each image → prepare it for Figma →
 * place it. Jobs wait for a slot of a bounded pool. Jobs that have a backend id are kept with `savePending`, so
 * a reopened plugin resumes polling them and still places their images.
 *
 * Framework-free: the panel subscribes to it, and the tests drive it with fakes.
 */
import { TERMINAL_STATUSES } from '../../shared/api/enums'
import type { Changes, CreateJobRequest, Job } from '../../shared/api/schemas'
import type { ImageBytes, PendingJob, PendingJobsUpdate, PlaceRequest, PlaceResult } from '../../shared/protocol/messages'
import { ApiError, isAbortError, isTransient } from '../api/api-error'
import type { FetchedImage } from '../api/client'
import { toFailure, type Failure } from '../api/describe-error'
import { ChangeFeed } from './change-feed'
import type { JobSpec } from './job-spec'
import { canCancel, isActive, transition, type JobEvent, type JobState } from './job-state'
import { createLimiter } from './limiter'

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
}

interface Run {
  entry: JobEntry
  controller: AbortController
  idempotencyKey: string
  /** Where a retry starts: a new backend job, or the same one again (it may still finish). */
  retryFrom: 'create' | 'poll'
  /** The request of the current pass when it is not the first (built from the previous pass's image). */
  passRequest: CreateJobRequest | null
}

type Phase = 'wait' | 'create' | 'poll' | 'image' | 'place'

const FALLBACK_CODE: Record<Phase, string> = {
  wait: 'unknown',
  create: 'unknown',
  poll: 'unknown',
  image: 'image_failed',
  place: 'placement_failed',
}
const CREATE_ATTEMPTS = 3
const POLL_FAILURES = 6
const MIN_POLL_INTERVAL_MS = 1000

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
    const run: Run = {
      entry: this.newEntry(key, spec, null, this.deps.now()),
      controller: new AbortController(),
      idempotencyKey: this.deps.newId(),
      retryFrom: 'create',
      passRequest: null,
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
      const run: Run = {
        entry: this.newEntry(key, spec, job.jobId, job.startedAt),
        controller: new AbortController(),
        idempotencyKey: this.deps.newId(),
        retryFrom: 'poll',
        passRequest: null,
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

  /** Runs a failed or cancelled job again: polls the same backend job when it may still deliver, else a new one. */
  retry(key: string): void {
    const run = this.runs.get(key)
    if (!run || !run.entry.canRetry || !transition(run.entry.state, 'retry')) return
    run.controller = new AbortController()
    const fresh = run.retryFrom === 'create'
    if (fresh) run.idempotencyKey = this.deps.newId()
    this.update(run, {
      state: 'queued',
      jobId: fresh ? null : run.entry.jobId,
      failure: null,
      result: null,
      startedAt: this.deps.now(),
      endedAt: null,
    })
    void this.run(run)
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
      const api = this.deps.api()
      if (!api) throw new ApiError(0, 'not_connected', 'No backend URL or access token is set.')
      for (;;) {
        if (run.entry.jobId === null) {
          phase = 'create'
          const request = run.entry.step === 0 ? run.entry.spec.request : run.passRequest
          if (!request) throw new Error('This job cannot be submitted again.')
          const job = await this.create(run, api, request)
          if (!live()) {
            api.cancelJob(job.id).catch(() => undefined)
            return
          }
          run.retryFrom = 'poll'
          this.update(run, { jobId: job.id })
        }
        phase = 'poll'
        const job = await this.poll(run, api, signal, live)
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
          const image = await this.deps.prepare(await api.fetchImage(first.url, signal), {
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
        const images = await Promise.all(
          job.images.map(async (image) => this.deps.prepare(await api.fetchImage(image.url, signal))),
        )
        if (!live()) return
        phase = 'place'
        const result = await this.deps.place({
          placement: run.entry.spec.placement,
          meta: { ...run.entry.spec.meta, jobId: job.id },
          images,
        })
        this.update(run, { result })
        this.move(run, 'placed')
        return
      }
    } catch (error) {
      if (!live() || isAbortError(error)) return
      this.fail(run, toFailure(error, FALLBACK_CODE[phase]))
    } finally {
      release?.()
    }
  }

  /** Creates the backend job, repeating the same idempotency key after a lost or throttled answer. */
  private async create(run: Run, api: JobsApi, request: CreateJobRequest): Promise<Job> {
    // Deliberately not aborted by a cancel: once sent, we want the id back so that the job can be deleted.
    for (let attempt = 1; ; attempt++) {
      try {
        return (await api.createJob(request, { idempotencyKey: run.idempotencyKey })).job
      } catch (error) {
        if (!isTransient(error) || attempt >= CREATE_ATTEMPTS) throw error
        await this.deps.sleep(backoffMs(attempt, error), run.controller.signal)
      }
    }
  }

  private async poll(run: Run, api: JobsApi, signal: AbortSignal, live: () => boolean): Promise<Job> {
    const feed = this.feedFor(api)
    if (feed) {
      return feed.watch(run.entry.jobId!, (job) => {
        if (live() && job.status !== 'queued') this.move(run, 'start')
      }, signal)
    }
    let failures = 0
    for (;;) {
      const asked = this.deps.now()
      try {
        const job = await api.getJob(run.entry.jobId!, { wait: this.deps.waitSeconds ?? 20, signal })
        failures = 0
        if (!live()) return job
        if (job.status !== 'queued') this.move(run, 'start')
        if (TERMINAL_STATUSES.includes(job.status)) return job
        // A server that ignores `wait` must not be hammered.
        const elapsed = this.deps.now() - asked
        if (elapsed < MIN_POLL_INTERVAL_MS) await this.deps.sleep(MIN_POLL_INTERVAL_MS - elapsed, signal)
      } catch (error) {
        if (!isTransient(error) || ++failures > POLL_FAILURES) throw error
        await this.deps.sleep(backoffMs(failures, error), signal)
      }
    }
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
    this.update(run, { failure, canRetry })
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

/** 1 s, 2 s, 4 s … up to 15 s, or what `Retry-After` asks (up to 30 s). */
export function backoffMs(attempt: number, error: unknown): number {
  const retryAfter = error instanceof ApiError ? error.retryAfter : null
  if (retryAfter !== null) return Math.min(retryAfter, 30) * 1000
  return Math.min(1000 * 2 ** (attempt - 1), 15_000)
}
