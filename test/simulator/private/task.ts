import type { CreateRequest } from './create-request'

/** Kling's task statuses (note the spelling "succeed"), kling-upstream.md §3. */
export type TaskStatus = 'submitted' | 'processing' | 'succeed' | 'failed'

/** One simulated task: the validated request plus lifecycle state and the lazily rendered result files. */
export interface Task {
  task_id: string
  request: CreateRequest
  /** The create body as received, with base64 images replaced by `<base64 N bytes>` (for /__sim/tasks). */
  sanitizedBody: Record<string, unknown>
  status: TaskStatus
  status_msg: string
  /** Unix ms. */
  created_at: number
  updated_at: number
  /** Wall-clock ms when the task was marked `succeed` (benchmarks measure from it); null otherwise. */
  succeeded_at: number | null
  /** What the task will end as when its delay elapses. */
  outcome: { status: 'succeed' } | { status: 'failed'; message: string }
  /** Size of each result image. */
  width: number
  height: number
  timers: ReturnType<typeof setTimeout>[]
  /** Encoded PNGs keyed by `<index>` or `<index>-wm`, created on first download. */
  images: Map<string, Promise<Buffer>>
}

export function isTerminal(status: TaskStatus): boolean {
  return status === 'succeed' || status === 'failed'
}
