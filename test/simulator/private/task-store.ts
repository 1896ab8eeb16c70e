import type { CreateRequest, Endpoint } from './create-request'
import { outputSize } from './output-size'
import { prerenderTaskImagesAsync } from './task-images'
import { isTerminal, type Task, type TaskStatus } from './task'

/** Processing time a task needs per result image before its images are rendered ahead of `succeed`. */
const RENDER_AHEAD_MS_PER_IMAGE = 250

export interface CreateTaskOptions {
  delayMs: number
  /** When set, the task ends `failed` with this `task_status_msg` instead of `succeed`. */
  failMessage: string | null
  sanitizedBody: Record<string, unknown>
}

/**
 * All tasks of the single simulated account, and their lifecycle: `submitted` at creation, `processing` after a third
 * of the delay, `succeed`/`failed` at the delay. Every status change is reported to `onChange` (callbacks).
 */
export class TaskStore {
  private readonly tasks: Task[] = []

  constructor(private readonly onChange: (task: Task) => void) {}

  create(request: CreateRequest, options: CreateTaskOptions): Task {
    const now = Date.now()
    const { width, height } = outputSize(request)
    const task: Task = {
      task_id: nextTaskId(now),
      request,
      sanitizedBody: options.sanitizedBody,
      status: 'submitted',
      status_msg: '',
      created_at: now,
      updated_at: now,
      succeeded_at: null,
      outcome: options.failMessage === null ? { status: 'succeed' } : { status: 'failed', message: options.failMessage },
      width,
      height,
      timers: [],
      images: new Map(),
    }
    this.tasks.push(task)
    const delay = Math.max(0, options.delayMs)
    const processingMs = delay - Math.round(delay / 3)
    // Render ahead only where the window hides it: drawing is synchronous, and in a short window it would only
    // hold up this event loop (and a client sharing it) while the task is meant to be observable as processing.
    const renderAhead = task.outcome.status === 'succeed' && processingMs >= RENDER_AHEAD_MS_PER_IMAGE * request.n
    task.timers.push(
      setTimeout(() => {
        this.transition(task, 'processing', '')
        if (renderAhead) void prerenderTaskImagesAsync(task)
      }, Math.round(delay / 3)),
    )
    task.timers.push(setTimeout(() => this.settle(task), delay))
    return task
  }

  /** Looks a task up by `task_id` first, then by `external_task_id`, within one endpoint's resource. */
  find(endpoint: Endpoint, id: string): Task | undefined {
    const own = this.tasks.filter((task) => task.request.endpoint === endpoint)
    return own.find((task) => task.task_id === id) ?? own.find((task) => task.request.external_task_id === id)
  }

  findById(taskId: string): Task | undefined {
    return this.tasks.find((task) => task.task_id === taskId)
  }

  /** Newest first, one endpoint. */
  list(endpoint: Endpoint): Task[] {
    return this.tasks.filter((task) => task.request.endpoint === endpoint).reverse()
  }

  all(): readonly Task[] {
    return this.tasks
  }

  /** `external_task_id` must be unique within the account, across endpoints. */
  hasExternalId(externalId: string): boolean {
    return this.tasks.some((task) => task.request.external_task_id === externalId)
  }

  /** Concurrency slots held: an image task holds `n` slots until it is terminal (kling-upstream.md §5). */
  activeSlots(): number {
    return this.tasks.reduce((sum, task) => (isTerminal(task.status) ? sum : sum + task.request.n), 0)
  }

  /** Ends a task now with its planned outcome, or the one given (admin `finish`). No-op on a terminal task. */
  finish(task: Task, status?: 'succeed' | 'failed', message?: string): void {
    if (isTerminal(task.status)) return
    if (status === 'succeed') task.outcome = { status: 'succeed' }
    else if (status === 'failed') task.outcome = { status: 'failed', message: message ?? (task.outcome.status === 'failed' ? task.outcome.message : 'Task failed') }
    this.settle(task)
  }

  /** Drops every task and its pending timers. */
  clear(): void {
    for (const task of this.tasks) task.timers.forEach(clearTimeout)
    this.tasks.length = 0
  }

  private settle(task: Task): void {
    task.timers.forEach(clearTimeout)
    task.timers = []
    if (task.outcome.status === 'succeed') this.transition(task, 'succeed', '')
    else this.transition(task, 'failed', task.outcome.message)
  }

  private transition(task: Task, status: TaskStatus, message: string): void {
    if (isTerminal(task.status) || task.status === status) return
    task.status = status
    task.status_msg = message
    task.updated_at = Date.now()
    if (status === 'succeed') task.succeeded_at = task.updated_at
    this.onChange(task)
  }
}

/** Module-wide and never reset, so task ids stay unique across /__sim/reset and across simulators in one process. */
let sequence = 0

/** Numeric-looking like Kling's (18 digits): creation ms + a 5-digit sequence. */
function nextTaskId(now: number): string {
  sequence = (sequence + 1) % 100_000
  return `${now}${String(sequence).padStart(5, '0')}`
}
