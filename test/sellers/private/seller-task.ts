import type { CreateRequest } from '../../simulator/private/create-request'

/** A seller task's life, in neutral words; each seller shows it under its own names. */
export type SellerTaskStatus = 'queued' | 'running' | 'completed' | 'failed'

/** One simulated task of a seller. */
export interface SellerTask {
  id: string
  /** Which of the seller's routes or models created it, e.g. `v3/text-to-image` or `kling-expand`. */
  route: string
  /** The submit body as received, base64 shortened (for /__sim/tasks). */
  body: Record<string, unknown>
  /** The equivalent Kling request: the simulator renders results and sizes them exactly as its Kling does. */
  render: CreateRequest
  n: number
  status: SellerTaskStatus
  /** Set when the task failed. */
  error: string | null
  outcome: { status: 'completed' } | { status: 'failed'; message: string }
  created_at: number
  updated_at: number
  completed_at: number | null
  /** Where the seller POSTs the outcome, if the submit asked for it. */
  webhookUrl: string | null
  /** Credits charged at submit (PixelDojo). */
  cost: number
  width: number
  height: number
  timers: ReturnType<typeof setTimeout>[]
  images: Map<number, Promise<Buffer>>
}

export function isFinished(task: SellerTask): boolean {
  return task.status === 'completed' || task.status === 'failed'
}

/** What /__sim/tasks shows of a task. */
export interface AdminSellerTask {
  id: string
  route: string
  body: Record<string, unknown>
  status: SellerTaskStatus
  error: string | null
  n: number
  width: number
  height: number
  webhook_url: string | null
  created_at: number
}

export function adminSellerTask(task: SellerTask): AdminSellerTask {
  return {
    id: task.id,
    route: task.route,
    body: task.body,
    status: task.status,
    error: task.error,
    n: task.n,
    width: task.width,
    height: task.height,
    webhook_url: task.webhookUrl,
    created_at: task.created_at,
  }
}
