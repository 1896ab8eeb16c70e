import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from '../../simulator/private/http-io'
import { sanitizeBody } from '../../simulator/private/sanitize-body'
import { APIMODELS_MODELS, UPSTREAM_MODEL, validateApimodelsAsync, type ApimodelsModel } from './apimodels-validate'
import { FieldProblems, policyViolation } from './field-check'
import { resultUrl } from './handle-files'
import { callFaultAsync, sendThrough } from './seller-chaos'
import type { SellerContext } from './seller-context'
import { authorize, readSellerRequestAsync } from './seller-request'
import type { SellerRequestRecord } from './seller-stats'
import type { SellerTask } from './seller-task'

const PATH = '/api/v1/images/generations'

/** apimodels' envelope: `{code, msg, data}`, `code` mirroring the HTTP status. */
function send(ctx: SellerContext, res: ServerResponse, record: SellerRequestRecord, status: number, msg: string, data: unknown): void {
  record.status = status
  ctx.stats.request(record)
  ctx.log(`${record.method} ${record.path} → ${status}${status === 200 ? '' : ` ${msg}`}`)
  sendJson(res, status, { code: status, msg, data })
}

/** The task as the query (and the callback) shows it. */
export function apimodelsTaskData(ctx: SellerContext, task: SellerTask): Record<string, unknown> {
  const model = (task.body.model as ApimodelsModel | undefined) ?? 'kling-v3-image'
  const state = task.status === 'queued' ? 'pending' : task.status === 'running' ? 'processing' : task.status
  const data: Record<string, unknown> = { taskId: task.id, state, model: `kling-image-gen/${UPSTREAM_MODEL[model] ?? model}`, createTime: task.created_at }
  if (task.status === 'completed') {
    data.resultUrls = Array.from({ length: task.n }, (_, i) => resultUrl(ctx, task.id, i))
    data.completeTime = task.completed_at
  }
  if (task.status === 'failed') {
    data.failMsg = task.error
    data.completeTime = task.updated_at
  }
  return data
}

/**
 * apimodels.app's one endpoint (provider-docs/apimodels-kling-image.txt): `POST /api/v1/images/generations` routed
 * by `model`, `GET /api/v1/images/generations?task_id=`. Bearer key; errors 400/401/402/404/500 (and 429 by fault).
 */
export async function handleApimodelsAsync(ctx: SellerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { method, record, body } = await readSellerRequestAsync(req, url)
  if (!authorize(ctx, req, record, 'Bearer')) return send(ctx, res, record, 401, 'Unauthorized - Invalid API key', null)
  if (url.pathname.replace(/\/+$/, '') !== PATH || (method !== 'GET' && method !== 'POST')) {
    ctx.stats.notFound++
    return send(ctx, res, record, 404, 'Not Found', null)
  }
  if (method === 'GET') {
    ctx.stats.polls++
    const fault = ctx.config.faults.poll.shift()
    if (fault) return send(ctx, res, record, fault.status, fault.message ?? 'Simulated fault', null)
    const chaos = await callFaultAsync(ctx, 'poll', res, record)
    if (chaos.answered) return
    const id = url.searchParams.get('task_id')
    if (!id) return send(ctx, res, record, 400, 'Bad Request - task_id is required', null)
    const task = ctx.store.find(id)
    if (!task) return send(ctx, res, record, 404, 'Not Found - Task ID not found', null)
    const data = apimodelsTaskData(ctx, task)
    return sendThrough(ctx, res, record, chaos.kind, { status: 200, body: { code: 200, msg: 'success', data } }, () => send(ctx, res, record, 200, 'success', data))
  }

  ctx.stats.submits++
  const fault = ctx.config.faults.submit.shift()
  if (fault) return send(ctx, res, record, fault.status, fault.message ?? 'Simulated fault', null)
  const chaos = await callFaultAsync(ctx, 'submit', res, record)
  if (chaos.answered) return
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json' || body.kind !== 'json' || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    return send(ctx, res, record, 400, 'Bad Request - body must be a JSON object', null)
  }
  const input = body.value as Record<string, unknown>
  const model = input.model
  if (typeof model !== 'string' || !(APIMODELS_MODELS as readonly string[]).includes(model)) {
    return send(ctx, res, record, 400, `Bad Request - model must be one of ${APIMODELS_MODELS.join(', ')}`, null)
  }
  let submitted
  try {
    submitted = await validateApimodelsAsync(model as ApimodelsModel, input)
  } catch (error) {
    if (error instanceof FieldProblems) return send(ctx, res, record, 400, `Bad Request - ${error.message}`, null)
    throw error
  }
  let failMessage = policyViolation(submitted.render.prompt) ? 'Content policy violation' : null
  if (failMessage === null && ctx.config.faults.failTasks > 0) {
    ctx.config.faults.failTasks--
    failMessage = ctx.config.faults.failMessage
  }
  const task = ctx.store.create({ route: model, body: sanitizeBody(input) as Record<string, unknown>, render: submitted.render, webhookUrl: submitted.callbackUrl, cost: 0, delayMs: ctx.config.delayMs, failMessage })
  const data = { taskId: task.id, state: 'pending', model: `kling-image-gen/${UPSTREAM_MODEL[model as ApimodelsModel]}` }
  sendThrough(ctx, res, record, chaos.kind, { status: 200, body: { code: 200, msg: 'success', data } }, () => send(ctx, res, record, 200, 'success', data))
}
