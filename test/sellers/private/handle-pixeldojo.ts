import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from '../../simulator/private/http-io'
import { sanitizeBody } from '../../simulator/private/sanitize-body'
import { FieldCheck, FieldProblems, policyViolation } from './field-check'
import { resultUrl } from './handle-files'
import { generationRender } from './kling-render-request'
import { callFaultAsync, sendThrough } from './seller-chaos'
import type { SellerContext } from './seller-context'
import { authorize, readSellerRequestAsync } from './seller-request'
import type { SellerRequestRecord } from './seller-stats'
import type { SellerTask } from './seller-task'

const RUN_PATH = /^\/api\/v1\/models\/([^/]+)\/run$/
const JOB_PATH = /^\/api\/v1\/jobs\/([^/]+)$/
const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'] as const
/** Documented: 1 credit per image. */
const CREDITS_PER_IMAGE = 1
/** Result URLs on temp.pixeldojo.ai expire; the docs show `expiresAt` a day out. */
const EXPIRES_MS = 24 * 60 * 60 * 1000

/** PixelDojo's error codes and their HTTP status (provider-docs/pixeldojo-kling-image-llm.txt, "Error Codes"). */
const ERROR_CODES: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  402: 'insufficient_credits',
  404: 'model_not_found',
  429: 'rate_limited',
  500: 'internal_error',
}

function sendError(ctx: SellerContext, res: ServerResponse, record: SellerRequestRecord, status: number, message: string, code = ERROR_CODES[status] ?? 'internal_error'): void {
  reply(ctx, res, record, status, { error: message, code })
}

function reply(ctx: SellerContext, res: ServerResponse, record: SellerRequestRecord, status: number, body: unknown): void {
  record.status = status
  ctx.stats.request(record)
  ctx.log(`${record.method} ${record.path} → ${status}`)
  sendJson(res, status, body)
}

/**
 * PixelDojo's API for `kling-image` (provider-docs/pixeldojo-*.txt): `POST /api/v1/models/kling-image/run` with a
 * bearer key, `GET /api/v1/jobs/{jobId}`. Credits are charged at submit (`creditCost`, `creditsRemaining`) and given
 * back when a job fails.
 */
export async function handlePixelDojoAsync(ctx: SellerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { method, record, body } = await readSellerRequestAsync(req, url)
  if (!authorize(ctx, req, record, 'Bearer')) return sendError(ctx, res, record, 401, 'Invalid or missing API key')
  const run = RUN_PATH.exec(url.pathname)
  const job = JOB_PATH.exec(url.pathname)
  if (run && method === 'POST') {
    if (run[1] !== 'kling-image') return sendError(ctx, res, record, 404, `Model ${run[1]} not found`)
    return submitAsync(ctx, res, record, body.kind === 'json' ? body.value : undefined)
  }
  if (job && method === 'GET') {
    ctx.stats.polls++
    const fault = ctx.config.faults.poll.shift()
    if (fault) return sendError(ctx, res, record, fault.status, fault.message ?? 'Simulated fault')
    const chaos = await callFaultAsync(ctx, 'poll', res, record)
    if (chaos.answered) return
    const task = ctx.store.find(decodeURIComponent(job[1]))
    if (!task) return sendError(ctx, res, record, 404, 'Job not found', 'not_found')
    const answer = { status: 200, body: jobView(ctx, task) }
    return sendThrough(ctx, res, record, chaos.kind, answer, () => reply(ctx, res, record, answer.status, answer.body))
  }
  ctx.stats.notFound++
  sendError(ctx, res, record, 404, `No route ${method} ${url.pathname}`, 'not_found')
}

async function submitAsync(ctx: SellerContext, res: ServerResponse, record: SellerRequestRecord, value: unknown): Promise<void> {
  ctx.stats.submits++
  const fault = ctx.config.faults.submit.shift()
  if (fault) return sendError(ctx, res, record, fault.status, fault.message ?? 'Simulated fault')
  const chaos = await callFaultAsync(ctx, 'submit', res, record)
  if (chaos.answered) return
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return sendError(ctx, res, record, 400, 'Request body must be a JSON object')
  const input = value as Record<string, unknown>
  const check = new FieldCheck(input, ['prompt', 'negative_prompt', 'resolution', 'aspect_ratio', 'num_outputs', 'output_format'])
  const prompt = check.string('prompt', { required: true, max: 2500 }) ?? ''
  const negative = check.string('negative_prompt', { max: 2500 })
  const resolution = check.oneOf('resolution', ['1K', '2K'] as const) ?? '1K'
  const ratio = check.oneOf('aspect_ratio', RATIOS) ?? '1:1'
  const n = check.number('num_outputs', 1, 9, { integer: true }) ?? 1
  check.oneOf('output_format', ['png', 'jpeg', 'webp'] as const)
  try {
    check.done()
  } catch (error) {
    if (!(error instanceof FieldProblems)) throw error
    return sendError(ctx, res, record, 400, `Invalid parameters: ${error.message}`)
  }
  const cost = n * CREDITS_PER_IMAGE
  if (ctx.config.credits < cost) return sendError(ctx, res, record, 402, `Not enough credits: this job costs ${cost}, ${ctx.config.credits} remaining`)
  ctx.config.credits -= cost
  let failMessage = policyViolation(prompt) ? 'Content policy violation' : null
  if (failMessage === null && ctx.config.faults.failTasks > 0) {
    ctx.config.faults.failTasks--
    failMessage = ctx.config.faults.failMessage
  }
  const render = generationRender({ model: 'kling-v3', prompt, n, aspectRatio: ratio, resolution: resolution === '2K' ? '2k' : '1k', negativePrompt: negative })
  const task = ctx.store.create({ route: 'kling-image', body: sanitizeBody(input) as Record<string, unknown>, render, webhookUrl: null, cost, delayMs: ctx.config.delayMs, failMessage })
  const answer = {
    status: 202,
    body: {
      jobId: task.id,
      status: 'pending',
      statusUrl: `${ctx.baseUrl}/api/v1/jobs/${task.id}`,
      creditCost: cost,
      creditsRemaining: ctx.config.credits,
      expiresAt: new Date(task.created_at + EXPIRES_MS).toISOString(),
    },
  }
  sendThrough(ctx, res, record, chaos.kind, answer, () => reply(ctx, res, record, answer.status, answer.body))
}

function jobView(ctx: SellerContext, task: SellerTask): Record<string, unknown> {
  const status = task.status === 'queued' ? 'pending' : task.status === 'running' ? 'processing' : task.status
  const view: Record<string, unknown> = { jobId: task.id, status, creditCost: task.cost, expiresAt: new Date(task.created_at + EXPIRES_MS).toISOString() }
  if (task.status === 'completed') view.output = { images: Array.from({ length: task.n }, (_, i) => resultUrl(ctx, task.id, i)) }
  if (task.status === 'failed') view.error = task.error
  return view
}

/** A failed job's credits go back to the account (called on every task change). */
export function refundFailedJob(ctx: SellerContext, task: SellerTask): void {
  if (task.status === 'failed' && task.cost > 0) {
    ctx.config.credits += task.cost
    task.cost = 0
  }
}
