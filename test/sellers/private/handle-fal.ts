import type { IncomingMessage, ServerResponse } from 'node:http'
import { sanitizeBody } from '../../simulator/private/sanitize-body'
import { FieldProblems, policyViolation } from './field-check'
import { FAL_POLICY_MESSAGE, falValidationBody, sendFal } from './fal-replies'
import { FAL_ROUTES, validateFalInputAsync, type FalRoute } from './fal-validate'
import { resultUrl } from './handle-files'
import { callFaultAsync, sendThrough } from './seller-chaos'
import type { SellerContext } from './seller-context'
import { authorize, readSellerRequestAsync } from './seller-request'
import type { SellerRequestRecord } from './seller-stats'
import { isFinished, type SellerTask } from './seller-task'

const APP = '/fal-ai/kling-image'

/** Where a task's queue URLs live: on the *status* server, not the submit one, and without the endpoint sub-path. */
export function falRequestUrl(statusBase: string, taskId: string): string {
  return `${statusBase}${APP}/requests/${taskId}`
}

/** `Authorization: Key <FAL_KEY>` exactly (fal-js `request.ts`); anything else is 401. */
function finish(ctx: SellerContext, res: ServerResponse, record: SellerRequestRecord, status: number, body: unknown, retryable?: boolean): void {
  record.status = status
  ctx.stats.request(record)
  ctx.log(`${record.method} ${record.path} → ${status}`)
  sendFal(res, status, body, retryable)
}

/**
 * The submit server (`FAL_QUEUE_BASE`): `POST /fal-ai/kling-image/{route}[?fal_webhook=url]`. It does NOT serve
 * `/requests/...`: those live on the status server, so a client that rebuilds them from the base gets 404.
 */
export async function handleFalSubmitAsync(ctx: SellerContext, statusBase: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { method, record, body } = await readSellerRequestAsync(req, url)
  const route = url.pathname.startsWith(`${APP}/`) ? url.pathname.slice(APP.length + 1) : ''
  if (!(FAL_ROUTES as readonly string[]).includes(route) || method !== 'POST') {
    ctx.stats.notFound++
    return finish(ctx, res, record, 404, { detail: `Path ${url.pathname} not found` })
  }
  if (!authorize(ctx, req, record, 'Key')) return finish(ctx, res, record, 401, { detail: 'Authentication is required to access this resource.' })
  ctx.stats.submits++
  const fault = ctx.config.faults.submit.shift()
  if (fault) return finish(ctx, res, record, fault.status, { detail: fault.message ?? 'Simulated fault' }, fault.retryable)
  const chaos = await callFaultAsync(ctx, 'submit', res, record)
  if (chaos.answered) return
  if (body.kind !== 'json' || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    return finish(ctx, res, record, 422, { detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }] }, false)
  }
  const webhook = url.searchParams.get('fal_webhook')
  if (webhook !== null && !/^https?:\/\//.test(webhook)) {
    return finish(ctx, res, record, 422, { detail: [{ loc: ['query', 'fal_webhook'], msg: 'Input should be a valid URL', type: 'url_parsing' }] }, false)
  }
  const input = body.value as Record<string, unknown>
  let render
  try {
    render = await validateFalInputAsync(route as FalRoute, input)
  } catch (error) {
    if (error instanceof FieldProblems) return finish(ctx, res, record, 422, falValidationBody(error.problems), false)
    throw error
  }
  let failMessage = policyViolation(render.prompt) ? FAL_POLICY_MESSAGE : null
  if (failMessage === null && ctx.config.faults.failTasks > 0) {
    ctx.config.faults.failTasks--
    failMessage = ctx.config.faults.failMessage
  }
  const task = ctx.store.create({ route, body: sanitizeBody(input) as Record<string, unknown>, render, webhookUrl: webhook, cost: 0, delayMs: ctx.config.delayMs, failMessage })
  const base = falRequestUrl(statusBase, task.id)
  const answer = {
    status: 200,
    body: {
      status: 'IN_QUEUE',
      request_id: task.id,
      response_url: base,
      status_url: `${base}/status`,
      cancel_url: `${base}/cancel`,
      logs: null,
      metrics: {},
      queue_position: 0,
    },
  }
  sendThrough(ctx, res, record, chaos.kind, answer, () => finish(ctx, res, record, answer.status, answer.body))
}

/**
 * The status server: `GET …/requests/{id}/status`, `GET …/requests/{id}` (the result), `PUT …/requests/{id}/cancel`.
 * Same auth as the submit.
 */
export async function handleFalQueueAsync(ctx: SellerContext, statusBase: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  req.resume()
  const method = req.method ?? 'GET'
  const record: SellerRequestRecord = { method, path: url.pathname + url.search, auth: 'none', status: 0, at: Date.now() }
  const match = new RegExp(`^${APP}/requests/([^/]+)(/status|/cancel)?$`).exec(url.pathname)
  const action = match ? (match[2] ?? '') : null
  const expected = action === '/cancel' ? 'PUT' : 'GET'
  if (!match || method !== expected) {
    ctx.stats.notFound++
    return finish(ctx, res, record, 404, { detail: `Path ${url.pathname} not found` })
  }
  if (!authorize(ctx, req, record, 'Key')) return finish(ctx, res, record, 401, { detail: 'Authentication is required to access this resource.' })
  ctx.stats.polls++
  const fault = ctx.config.faults.poll.shift()
  if (fault) return finish(ctx, res, record, fault.status, { detail: fault.message ?? 'Simulated fault' }, fault.retryable)
  const task = ctx.store.find(match[1])
  if (!task) return finish(ctx, res, record, 404, { detail: 'Request not found' })
  const base = falRequestUrl(statusBase, task.id)
  if (action === '/cancel') {
    if (isFinished(task)) return finish(ctx, res, record, 400, { status: 'ALREADY_COMPLETED' })
    ctx.store.finish(task, 'failed', 'Request was cancelled')
    return finish(ctx, res, record, 202, { status: 'CANCELLATION_REQUESTED' })
  }
  const chaos = await callFaultAsync(ctx, 'poll', res, record)
  if (chaos.answered) return
  let answer: { status: number; body: unknown; retryable?: boolean }
  if (action === '/status') answer = { status: isFinished(task) ? 200 : 202, body: statusBody(task, base) }
  else if (!isFinished(task)) answer = { status: 400, body: { detail: 'Request is still in progress' } }
  else {
    const result = resultBody(ctx, task)
    answer = { ...result, retryable: result.status === 200 ? undefined : false }
  }
  sendThrough(ctx, res, record, chaos.kind, answer, () => finish(ctx, res, record, answer.status, answer.body, answer.retryable))
}

function statusBody(task: SellerTask, base: string): Record<string, unknown> {
  const common = { request_id: task.id, response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` }
  if (task.status === 'queued') return { status: 'IN_QUEUE', queue_position: 0, ...common }
  if (task.status === 'running') return { status: 'IN_PROGRESS', logs: [], ...common }
  const metrics = { inference_time: (task.updated_at - task.created_at) / 1000 }
  return task.status === 'failed' ? { status: 'COMPLETED', logs: [], metrics, error: task.error, error_type: 'runner_error', ...common } : { status: 'COMPLETED', logs: [], metrics, ...common }
}

/** The result GET, and the webhook payload: images on success, fal's error body on failure. */
export function resultBody(ctx: SellerContext, task: SellerTask): { status: number; body: unknown } {
  if (task.status === 'failed') {
    if (task.error === FAL_POLICY_MESSAGE) {
      return { status: 422, body: { detail: [{ loc: ['body', 'prompt'], msg: task.error, type: 'content_policy_violation' }] } }
    }
    return { status: 500, body: { detail: task.error ?? 'Internal error' } }
  }
  const images = Array.from({ length: task.n }, (_, i) => ({
    url: resultUrl(ctx, task.id, i),
    content_type: 'image/png',
    file_name: `${task.id}-${i}.png`,
    width: task.width,
    height: task.height,
  }))
  return { status: 200, body: { images } }
}
