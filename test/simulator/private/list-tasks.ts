import type { Endpoint } from './create-request'
import { invalidParam } from './kling-error'
import type { SimContext } from './sim-context'
import { queryData } from './task-view'

/**
 * `GET …?pageNum=&pageSize=`: newest first, pageNum [1,1000] default 1, pageSize [1,500] default 30.
 * `?external_task_id=` narrows the list to that task (some clients look tasks up this way, kling-upstream.md §2.1).
 */
export function listTasks(ctx: SimContext, endpoint: Endpoint, query: URLSearchParams): object[] {
  ctx.stats.lists++
  const pageNum = pageParam(query, 'pageNum', 1, 1000, 1)
  const pageSize = pageParam(query, 'pageSize', 1, 500, 30)
  const externalId = query.get('external_task_id')
  const tasks = ctx.store.list(endpoint).filter((task) => !externalId || task.request.external_task_id === externalId)
  return tasks.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((task) => queryData(task, ctx.baseUrl))
}

function pageParam(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = query.get(name)
  if (raw === null || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) throw invalidParam(`${name} must be an integer within [${min}, ${max}] (got "${raw}")`)
  return value
}
