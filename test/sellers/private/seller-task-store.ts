import { randomUUID } from 'node:crypto'
import type { CreateRequest } from '../../simulator/private/create-request'
import { outputSize } from '../../simulator/private/output-size'
import { isFinished, type SellerTask, type SellerTaskStatus } from './seller-task'

export interface NewSellerTask {
  route: string
  body: Record<string, unknown>
  render: CreateRequest
  webhookUrl: string | null
  cost: number
  delayMs: number
  /** When set, the task ends failed with this message. */
  failMessage: string | null
}

/**
 * The tasks of one simulated seller account and their lifecycle: queued at creation, running after a third of the
 * delay, completed (or failed) at the delay. Every change is reported to `onChange` (webhooks).
 */
export class SellerTaskStore {
  private readonly tasks: SellerTask[] = []

  constructor(
    private readonly onChange: (task: SellerTask) => void,
    private readonly newId: () => string = randomUUID,
  ) {}

  create(spec: NewSellerTask): SellerTask {
    const now = Date.now()
    const { width, height } = outputSize(spec.render)
    const task: SellerTask = {
      id: this.newId(),
      route: spec.route,
      body: spec.body,
      render: spec.render,
      n: spec.render.n,
      status: 'queued',
      error: null,
      outcome: spec.failMessage === null ? { status: 'completed' } : { status: 'failed', message: spec.failMessage },
      created_at: now,
      updated_at: now,
      completed_at: null,
      webhookUrl: spec.webhookUrl,
      cost: spec.cost,
      width,
      height,
      timers: [],
      images: new Map(),
    }
    this.tasks.push(task)
    const delay = Math.max(0, spec.delayMs)
    task.timers.push(setTimeout(() => this.transition(task, 'running'), Math.round(delay / 3)))
    task.timers.push(setTimeout(() => this.settle(task), delay))
    return task
  }

  find(id: string): SellerTask | undefined {
    return this.tasks.find((task) => task.id === id)
  }

  all(): readonly SellerTask[] {
    return this.tasks
  }

  /** Ends a task now, with its planned outcome or the one given (admin `finish`). */
  finish(task: SellerTask, status?: 'completed' | 'failed', message?: string): void {
    if (isFinished(task)) return
    if (status === 'completed') task.outcome = { status: 'completed' }
    else if (status === 'failed') task.outcome = { status: 'failed', message: message ?? 'Task failed' }
    this.settle(task)
  }

  clear(): void {
    for (const task of this.tasks) task.timers.forEach(clearTimeout)
    this.tasks.length = 0
  }

  private settle(task: SellerTask): void {
    task.timers.forEach(clearTimeout)
    task.timers = []
    if (task.outcome.status === 'failed') task.error = task.outcome.message
    this.transition(task, task.outcome.status)
  }

  private transition(task: SellerTask, status: SellerTaskStatus): void {
    if (isFinished(task) || task.status === status) return
    task.status = status
    task.updated_at = Date.now()
    if (status === 'completed') task.completed_at = task.updated_at
    this.onChange(task)
  }
}
