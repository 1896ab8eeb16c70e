import type { Endpoint } from './create-request'
import { faultError, KlingError } from './kling-error'
import type { SimContext } from './sim-context'
import { queryData } from './task-view'

/** `GET …/{id}` where id is a task_id or an external_task_id; unknown → 404/1203. Consumes one queued query fault. */
export function queryTask(ctx: SimContext, endpoint: Endpoint, id: string): object {
  ctx.stats.queries++
  const fault = ctx.config.faults.query.shift()
  if (fault) throw faultError(fault)
  const task = ctx.store.find(endpoint, id)
  if (!task) throw new KlingError(404, 1203, `task not found: ${id}`)
  return queryData(task, ctx.baseUrl)
}
