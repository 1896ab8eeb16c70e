import { checkContentPolicy } from './content-policy'
import type { CreateRequest, Endpoint } from './create-request'
import { faultError, invalidParam, KlingError } from './kling-error'
import { requireJsonObject, type JsonBody } from './read-json-body'
import { sanitizeBody } from './sanitize-body'
import type { SimContext } from './sim-context'
import { createData } from './task-view'
import { validateExpandAsync } from './validate-expand'
import { validateGenerationAsync } from './validate-generation'
import { validateMultiImageAsync } from './validate-multi-image'
import { validateOmniAsync } from './validate-omni'

const VALIDATORS: Record<Endpoint, (body: Record<string, unknown>) => Promise<CreateRequest>> = {
  generations: validateGenerationAsync,
  expand: validateExpandAsync,
  'multi-image2image': validateMultiImageAsync,
  'omni-image': validateOmniAsync,
}

/** The answer to a create: the `data` to send, or `dropped` when the dropCreate fault wants the socket destroyed. */
export type CreateOutcome = { kind: 'data'; data: object } | { kind: 'dropped'; taskId: string }

/**
 * Handles an authenticated create. Order: queued create fault → body/field validation (1200/1201) → content policy
 * (1301) → external_task_id uniqueness (1201) → concurrency (429/1303) → task creation → dropCreate fault.
 */
export async function createTaskAsync(ctx: SimContext, endpoint: Endpoint, body: JsonBody, contentType: string | undefined): Promise<CreateOutcome> {
  ctx.stats.creates[endpoint]++
  const fault = ctx.config.faults.create.shift()
  if (fault) throw faultError(fault)
  const json = requireJsonObject(body, contentType)
  const request = await VALIDATORS[endpoint](json)
  const riskMessage = checkContentPolicy(request.prompt)
  if (request.external_task_id !== null && ctx.store.hasExternalId(request.external_task_id)) {
    throw invalidParam('external_task_id already exists')
  }
  const limit = ctx.config.concurrency
  if (limit !== null && ctx.store.activeSlots() + request.n > limit) {
    throw new KlingError(429, 1303, 'parallel task over resource pack limit')
  }
  let failMessage = riskMessage
  if (failMessage === null && ctx.config.faults.failTasks > 0) {
    ctx.config.faults.failTasks--
    failMessage = ctx.config.faults.failMessage
  }
  const task = ctx.store.create(request, { delayMs: ctx.config.delayMs, failMessage, sanitizedBody: sanitizeBody(json) as Record<string, unknown> /* validated as a JSON object above */ })
  if (request.endpoint === 'generations' && request.model_name_defaulted) {
    ctx.log(`task ${task.task_id}: no model_name given, Kling runs kling-v1 (the documented default)`)
  }
  if (ctx.config.faults.dropCreate > 0) {
    ctx.config.faults.dropCreate--
    return { kind: 'dropped', taskId: task.task_id }
  }
  return { kind: 'data', data: createData(task) }
}
