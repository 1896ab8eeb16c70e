import type { Endpoint } from './create-request'
import type { Task, TaskStatus } from './task'

/** `data` of a create answer (kling-upstream.md §2.1): always `submitted` at this point. */
export function createData(task: Task): object {
  return {
    task_id: task.task_id,
    task_status: task.status,
    task_info: { external_task_id: task.request.external_task_id ?? '' },
    created_at: task.created_at,
    updated_at: task.updated_at,
  }
}

/**
 * `data` of a query (single or list item). `task_result` is `{}` until the task succeeds (the observed real
 * failure has `"task_result": {}`); `watermark_url` appears only when watermark_info.enabled was requested.
 */
export function queryData(task: Task, baseUrl: string): object {
  return {
    task_id: task.task_id,
    task_status: task.status,
    task_status_msg: task.status_msg,
    final_unit_deduction: unitDeduction(task),
    watermark_info: { enabled: task.request.watermark },
    task_info: { external_task_id: task.request.external_task_id ?? '' },
    created_at: task.created_at,
    updated_at: task.updated_at,
    task_result: taskResult(task, baseUrl),
  }
}

/** The flat callback body of kling-upstream.md §4 (no `{code, message, data}` wrapper). */
export interface CallbackBody {
  task_id: string
  task_status: string
  task_status_msg: string
  created_at: number
  updated_at: number
  final_unit_deduction: string
  task_info: { external_task_id: string }
  task_result: object
}

export function callbackBody(task: Task, baseUrl: string): CallbackBody {
  return {
    task_id: task.task_id,
    task_status: task.status,
    task_status_msg: task.status_msg,
    created_at: task.created_at,
    updated_at: task.updated_at,
    final_unit_deduction: unitDeduction(task),
    task_info: { external_task_id: task.request.external_task_id ?? '' },
    task_result: taskResult(task, baseUrl),
  }
}

/** One task as `GET /__sim/tasks` shows it. */
export interface AdminTask {
  task_id: string
  external_task_id: string | null
  endpoint: Endpoint
  model_name: string | null
  model_name_defaulted: boolean
  /** The create body, with base64 images replaced by `<base64 N bytes>`. */
  request: Record<string, unknown>
  status: TaskStatus
  task_status_msg: string
  n: number
  width: number
  height: number
  /** Unix ms. */
  created_at: number
  updated_at: number
  succeeded_at: number | null
  callback_url: string | null
}

/** The simulator's own view of a task, for `/__sim/tasks`. */
export function adminView(task: Task): AdminTask {
  const request = task.request
  return {
    task_id: task.task_id,
    external_task_id: request.external_task_id,
    endpoint: request.endpoint,
    // Expand has no model; the others record the effective model (generations also whether Kling defaulted it).
    model_name: request.endpoint === 'expand' ? null : request.model_name,
    model_name_defaulted: request.endpoint === 'generations' ? request.model_name_defaulted : false,
    request: task.sanitizedBody,
    status: task.status,
    task_status_msg: task.status_msg,
    n: request.n,
    width: task.width,
    height: task.height,
    created_at: task.created_at,
    updated_at: task.updated_at,
    succeeded_at: task.succeeded_at,
    callback_url: request.callback_url,
  }
}

/** Absolute CDN URL of one result (served by this simulator, no auth, like Kling's signed CDN links). */
export function imageUrl(baseUrl: string, task: Task, index: number, watermarked: boolean): string {
  return `${baseUrl}/cdn/${task.task_id}/${index}${watermarked ? '-wm' : ''}.png`
}

function taskResult(task: Task, baseUrl: string): object {
  if (task.status !== 'succeed') return {}
  const images = Array.from({ length: task.request.n }, (_, index) => ({
    index,
    url: imageUrl(baseUrl, task, index, false),
    ...(task.request.watermark ? { watermark_url: imageUrl(baseUrl, task, index, true) } : {}),
  }))
  return { images }
}

/**
 * Units billed on success, as Kling's string: one per image, doubled for 4K (fal doubles O3's price for 4K, §7.1);
 * nothing otherwise. Real prices vary by model; the type and the per-task total are what a client relies on.
 */
function unitDeduction(task: Task): string {
  if (task.status !== 'succeed') return '0'
  const request = task.request
  const perImage = request.endpoint === 'omni-image' && request.resolution === '4k' ? 2 : 1
  return String(request.n * perImage)
}
