import { Hono, type Context } from 'hono'
import { CreateJobRequest, IdempotencyKey } from '../../shared/api/schemas'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'
import { requestOrigin } from '../http/origin'
import { readJsonAsync } from '../http/read-json'
import { utcDay } from '../jobs/budget'
import { newJobId } from '../jobs/job-id'
import { toJob, type JobRow } from '../jobs/job-row'
import { planJob } from '../jobs/plan-job'
import { apiErrorOf } from '../owner/owner-failure'
import { ownerStub } from '../upstream/upstream-stub'
import { parseOrThrow } from '../validate'

/**
 * `POST /v1/jobs`: validate here (pure, no storage), then the owner's object decides the rest in order: an
 * `Idempotency-Key` replay (200 with the job it first created, nothing submitted again), the active-job limit, the
 * budget, then the job joins the upstream queue and is submitted if a slot is free. Answers 202.
 */
export const createJob = new Hono<AppEnv>().post('/', async (c) => {
  const key = idempotencyKey(c)
  const req = parseOrThrow(CreateJobRequest, await readJsonAsync(c), 'body')
  const plan = planJob(c.var.provider, req)
  const n = plan.n
  const now = Date.now()
  const draft: JobRow = {
    id: newJobId(now),
    owner: c.var.owner,
    status: 'queued',
    operation: plan.operation,
    provider: c.var.provider.name,
    model: plan.model.id,
    prompt: req.prompt ?? null,
    negative_prompt: req.negative_prompt ?? null,
    aspect_ratio: plan.aspect_ratio,
    resolution: plan.resolution,
    n,
    expansion: req.expansion ? JSON.stringify(req.expansion) : null,
    options: Object.keys(plan.options).length ? JSON.stringify(plan.options) : null,
    client_ref: req.client_ref ?? null,
    has_input: plan.inputs.length,
    images: '[]',
    error_code: null,
    error_message: null,
    charged: n,
    charge_day: utcDay(now),
    created_at: now,
    updated_at: now,
    queue_position: null,
    cost: null,
    change_seq: 0,
  }
  c.set('jobId', draft.id)
  const outcome = await ownerStub(c.env, c.var.owner).create(c.var.config, draft, key, plan.inputs)
  if (outcome.kind === 'error') {
    if (outcome.error.upstreamCode !== undefined) c.set('upstreamCode', outcome.error.upstreamCode)
    throw apiErrorOf(outcome.error)
  }
  return c.json(toJob(outcome.job, requestOrigin(c)), outcome.kind === 'created' ? 202 : 200)
})

function idempotencyKey(c: Context<AppEnv>): string | null {
  const raw = c.req.header('Idempotency-Key')
  if (raw === undefined) return null
  const result = IdempotencyKey.safeParse(raw)
  if (!result.success) {
    throw new ApiError('invalid_request', 'The Idempotency-Key header is invalid.', {
      details: [{ path: 'Idempotency-Key', message: 'must be 1 to 128 visible ASCII characters' }],
    })
  }
  return result.data
}
