/**
 * One long-poll for every job the panel waits on (`GET /v1/changes`), instead of one per job: the panel then holds
 * one of the browser's six connections to the backend however many jobs run, and the others stay free for images.
 */
import { TERMINAL_STATUSES } from '../../shared/api/enums'
import type { Changes, Job } from '../../shared/api/schemas'
import { ApiError, isAbortError } from '../api/api-error'
import { faultKind } from '../api/fault-kind'
import { retryDelayMs } from './retry-delay'
import { abortError } from './limiter'

export interface ChangesApi {
  changes(options: { after?: string | null; wait?: number; signal?: AbortSignal }): Promise<Changes>
  getJob(id: string, options: { wait?: number; signal?: AbortSignal }): Promise<Job>
}

export interface ChangeFeedDeps {
  sleep(ms: number, signal: AbortSignal): Promise<void>
  now(): number
  /** Seconds the backend may hold the feed (default 20). */
  waitSeconds?: number
}

/** What a watcher hears besides the job's states. */
export interface WatchEvents {
  onUpdate(job: Job): void
  /**
   * The feed could not reach the backend and is retrying (the error, and when the next try is due), or it is
   * reaching it again (null). A watcher that gives up (its job's deadline passed) aborts its signal.
   */
  onStall?(error: unknown, retryAt: number): void
  onRecover?(): void
}

interface Watch extends WatchEvents {
  resolve(job: Job): void
  reject(error: unknown): void
}

/** Answers that do not follow the contract are retried this many times (a proxy's hiccup), then reported. */
const MAX_MALFORMED = 4
/** A server that answers at once although nothing changed must not be hammered. */
const MIN_INTERVAL_MS = 1000

export class ChangeFeed {
  private readonly watches = new Map<string, Set<Watch>>()
  private cursor: string | null = null
  private controller: AbortController | null = null
  private restarted = false
  /** A stall was reported since the last answer. */
  private stalled = false

  constructor(
    private readonly api: ChangesApi,
    private readonly deps: ChangeFeedDeps,
  ) {}

  /**
   * Resolves with the job once it is terminal; `onUpdate` sees every state on the way. The job's current state is
   * read once first: a job that finished before the feed's cursor never shows up in the feed. Lost connections
   * and busy answers are retried for as long as someone watches (capped backoff, reported through `onStall`);
   * a refused token (401), an unknown job (404) or repeatedly malformed answers reject.
   */
  watch(id: string, events: WatchEvents | ((job: Job) => void), signal: AbortSignal): Promise<Job> {
    return new Promise<Job>((resolve, reject) => {
      if (signal.aborted) return reject(abortError())
      const watch: Watch = { ...(typeof events === 'function' ? { onUpdate: events } : events), resolve, reject }
      const set = this.watches.get(id) ?? new Set()
      set.add(watch)
      this.watches.set(id, set)
      signal.addEventListener('abort', () => {
        this.remove(id, watch)
        reject(abortError())
      })
      void this.readOnce(id, signal)
      if (!this.controller) void this.loop()
    })
  }

  /** The job as it is now, retried like the feed; a definite failure (404, 401) fails its watchers. */
  private async readOnce(id: string, signal: AbortSignal): Promise<void> {
    let failures = 0
    let malformed = 0
    for (;;) {
      try {
        this.deliver([await this.api.getJob(id, { signal })])
        return
      } catch (error) {
        if (isAbortError(error) || !this.watches.has(id)) return
        const kind = faultKind(error)
        const retry = kind === 'offline' || kind === 'busy' || (kind === 'malformed' && ++malformed < MAX_MALFORMED)
        if (!retry) return this.failJob(id, error)
        const delay = retryDelayMs(++failures, error)
        this.stall([id], error, delay)
        await this.deps.sleep(delay, signal).catch(() => undefined)
      }
    }
  }

  private async loop(): Promise<void> {
    const controller = new AbortController()
    this.controller = controller
    let failures = 0
    let malformed = 0
    try {
      while (this.watches.size > 0 && !controller.signal.aborted) {
        const asked = this.deps.now()
        try {
          if (this.cursor === null) await this.start(controller.signal)
          else {
            const reply = await this.api.changes({ after: this.cursor, wait: this.deps.waitSeconds ?? 20, signal: controller.signal })
            this.cursor = reply.cursor
            this.deliver(reply.jobs)
            const elapsed = this.deps.now() - asked
            if (reply.jobs.length === 0 && elapsed < MIN_INTERVAL_MS) await this.deps.sleep(MIN_INTERVAL_MS - elapsed, controller.signal)
          }
          failures = 0
          malformed = 0
        } catch (error) {
          if (isAbortError(error) || controller.signal.aborted) return
          if (error instanceof ApiError && error.status === 400 && this.cursor !== null) {
            // Unknown or expired cursor: start again without it.
            this.cursor = null
            this.restarted = true
            continue
          }
          const kind = faultKind(error)
          const retry = kind === 'offline' || kind === 'busy' || (kind === 'malformed' && ++malformed < MAX_MALFORMED)
          if (!retry) {
            // A refused token, or an answer that stays malformed: every watcher hears it (the runner decides).
            this.failAll(error)
            failures = 0
            malformed = 0
            continue
          }
          const delay = retryDelayMs(++failures, error)
          this.stall([...this.watches.keys()], error, delay)
          await this.deps.sleep(delay, controller.signal)
        }
      }
    } finally {
      if (this.controller === controller) this.controller = null
    }
  }

  /** A fresh cursor; after a restart, the watched jobs that finished meanwhile are read once each. */
  private async start(signal: AbortSignal): Promise<void> {
    const reply = await this.api.changes({ signal })
    this.cursor = reply.cursor
    this.deliver(reply.jobs)
    if (!this.restarted) return
    this.restarted = false
    const unfinished = new Set(reply.jobs.map((job) => job.id))
    await Promise.all([...this.watches.keys()].filter((id) => !unfinished.has(id)).map((id) => this.readOnce(id, signal)))
  }

  private deliver(jobs: readonly Job[]): void {
    // An answer came: whoever heard of a stall hears that it is over, before the states it brings.
    if (this.stalled) {
      this.stalled = false
      this.recover()
    }
    for (const job of jobs) {
      const set = this.watches.get(job.id)
      if (!set) continue
      for (const watch of [...set]) {
        watch.onUpdate(job)
        if (TERMINAL_STATUSES.includes(job.status)) {
          this.remove(job.id, watch)
          watch.resolve(job)
        }
      }
    }
  }

  private stall(ids: readonly string[], error: unknown, delay: number): void {
    this.stalled = true
    const retryAt = this.deps.now() + delay
    for (const id of ids) for (const watch of [...(this.watches.get(id) ?? [])]) watch.onStall?.(error, retryAt)
  }

  private recover(): void {
    for (const set of this.watches.values()) for (const watch of [...set]) watch.onRecover?.()
  }

  private failJob(id: string, error: unknown): void {
    for (const watch of [...(this.watches.get(id) ?? [])]) {
      this.remove(id, watch)
      watch.reject(error)
    }
  }

  private failAll(error: unknown): void {
    for (const id of [...this.watches.keys()]) this.failJob(id, error)
  }

  private remove(id: string, watch: Watch): void {
    const set = this.watches.get(id)
    if (!set) return
    set.delete(watch)
    if (set.size === 0) this.watches.delete(id)
    // Nobody waits any more: free the connection. A later watch starts a new loop (from the same cursor).
    if (this.watches.size === 0 && this.controller) {
      this.controller.abort()
      this.controller = null
    }
  }
}
