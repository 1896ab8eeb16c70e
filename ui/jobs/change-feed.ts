/**
 * One long-poll for every job the panel waits on (`GET /v1/changes`), instead of one per job: the panel then holds
 * one of the browser's six connections to the backend however many jobs run, and the others stay free for images.
 */
import { TERMINAL_STATUSES } from '../../shared/api/enums'
import type { Changes, Job } from '../../shared/api/schemas'
import { ApiError, isAbortError, isTransient } from '../api/api-error'
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

interface Watch {
  onUpdate(job: Job): void
  resolve(job: Job): void
  reject(error: unknown): void
}

/** Consecutive failed feed requests before the waiting jobs fail with the last error. */
const MAX_FAILURES = 6
/** A server that answers at once although nothing changed must not be hammered. */
const MIN_INTERVAL_MS = 1000

export class ChangeFeed {
  private readonly watches = new Map<string, Set<Watch>>()
  private cursor: string | null = null
  private controller: AbortController | null = null
  private restarted = false

  constructor(
    private readonly api: ChangesApi,
    private readonly deps: ChangeFeedDeps,
  ) {}

  /**
   * Resolves with the job once it is terminal; `onUpdate` sees every state on the way. The job's current state is
   * read once first: a job that finished before the feed's cursor never shows up in the feed.
   */
  watch(id: string, onUpdate: (job: Job) => void, signal: AbortSignal): Promise<Job> {
    return new Promise<Job>((resolve, reject) => {
      if (signal.aborted) return reject(abortError())
      const watch: Watch = { onUpdate, resolve, reject }
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

  /** The job as it is now, with retries for transient failures; a definite failure (404) fails its watchers. */
  private async readOnce(id: string, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.deliver([await this.api.getJob(id, { signal })])
        return
      } catch (error) {
        if (isAbortError(error) || !this.watches.has(id)) return
        if (!isTransient(error) || attempt >= MAX_FAILURES) return this.failJob(id, error)
        await this.deps.sleep(backoffMs(attempt), signal).catch(() => undefined)
      }
    }
  }

  private async loop(): Promise<void> {
    const controller = new AbortController()
    this.controller = controller
    let failures = 0
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
        } catch (error) {
          if (isAbortError(error) || controller.signal.aborted) return
          if (error instanceof ApiError && error.status === 400 && this.cursor !== null) {
            // Unknown or expired cursor: start again without it.
            this.cursor = null
            this.restarted = true
            continue
          }
          if (!isTransient(error) || ++failures > MAX_FAILURES) {
            this.failAll(error)
            failures = 0
            continue
          }
          await this.deps.sleep(backoffMs(failures), controller.signal)
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

function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), 15_000)
}
