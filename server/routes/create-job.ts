import { Hono, type Context } from 'hono'
import { CreateJobRequest, IdempotencyKey } from '../../shared/api/schemas'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'
import { requestOrigin } from '../http/origin'
import { readJsonAsync } from '../http/read-json'
import { chargeAsync, nextUtcMidnight, refundAsync, usedAsync, utcDay } from '../jobs/budget'
import { findKeyedJobIdAsync } from '../jobs/idempotency'
import { jobDeps } from '../jobs/job-deps'
import { newJobId } from '../jobs/job-id'
import { toJob, type JobRow } from '../jobs/job-row'
import { planJob } from '../jobs/plan-job'
import { getJobAsync, insertJobAsync } from '../jobs/repository'
import { endJobInputsAsync } from '../jobs/end-job'
import { storeInputsAsync } from '../jobs/job-inputs'
import { submitJobAsync } from '../jobs/submit'
import type { InputImage } from '../providers/provider'
import { failJobAsync, LEASE_MS, POLL_INTERVAL_MS, releaseJobAsync } from '../jobs/transitions'
import { parseOrThrow } from '../validate'

/** Seconds to wait after 429 `rate_limited` (too many unfinished jobs). */
const RATE_LIMIT_RETRY_AFTER_S = 5

/**
 * `POST /v1/jobs`: validate, charge the budget, insert the job (with its idempotency key, in one batch), keep the
 * input images until the job ends (for a possible resubmission), submit upstream, answer 202. A replayed `Idempotency-Key` answers 200
 * with the job it first created, and nothing is submitted again.
 */
export const createJob = new Hono<AppEnv>().post('/', async (c) => {
  const db = c.env.DB
  const owner = c.var.owner
  const key = idempotencyKey(c)
  const replay = key ? await keyedJobAsync(c, key) : null
  if (replay) return replay

  const req = parseOrThrow(CreateJobRequest, await readJsonAsync(c), 'body')
  const plan = planJob(c.var.provider, req)
  const n = plan.n
  const now = Date.now()
  const day = utcDay(now)
  const limit = c.var.config.dailyImageLimit
  if (!(await chargeAsync(db, owner, day, n, limit))) {
    const left = Math.max(0, limit - (await usedAsync(db, owner, day)))
    throw new ApiError(
      'insufficient_credits',
      `This job needs ${n} image${n === 1 ? '' : 's'} but only ${left} of your ${limit} daily images are left; the budget resets at ${nextUtcMidnight(now)}.`,
    )
  }

  const row: JobRow = {
    id: newJobId(now),
    owner,
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
    task_id: null,
    images: '[]',
    error_code: null,
    error_message: null,
    cost: null,
    charged: n,
    charge_day: day,
    created_at: now,
    updated_at: now,
    poll_after: now + POLL_INTERVAL_MS,
    // Held while we submit, so neither a waiting client nor the cron sweep submits it a second time.
    lease_until: now + LEASE_MS,
    watched_until: 0,
  }
  c.set('jobId', row.id)
  if (!(await insertJobAsync(db, row, { idempotencyKey: key, maxActive: c.var.config.maxActiveJobs }))) {
    await refundAsync(db, owner, day, n)
    const winner = key ? await keyedJobAsync(c, key) : null
    if (winner) return winner
    throw new ApiError(
      'rate_limited',
      `You already have ${c.var.config.maxActiveJobs} unfinished jobs; wait for one to finish or cancel one.`,
      { retryAfter: RATE_LIMIT_RETRY_AFTER_S },
    )
  }

  const deps = jobDeps(c.env, c.var.config, c.var.provider)
  let inputs: Map<string, InputImage>
  try {
    const stored = await storeInputsAsync(c.env.IMAGES, row.id, plan.inputs)
    inputs = new Map(stored.map((image, i) => [plan.inputs[i].slot, image]))
  } catch (error) {
    const message = plan.inputs.length > 1 ? 'The input images could not be stored.' : 'The input image could not be stored.'
    if (await failJobAsync(db, row.id, { code: 'internal_error', message }, Date.now())) await endJobInputsAsync(deps, row)
    throw error
  }
  const outcome = await submitJobAsync(deps, row, inputs, { releaseLease: true })
  if (outcome.kind === 'refused') throw outcome.error
  // Submitted: recorded and released in one statement. Unknown: release it for a later lookup by job id.
  const job = outcome.kind === 'submitted' ? outcome.row : await releaseJobAsync(db, row.id, row.lease_until, 0)
  return c.json(toJob(job ?? (await getJobAsync(db, row.id)) ?? row, requestOrigin(c)), 202)
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

/** 200 with the job an earlier request under the same key created, if any. */
async function keyedJobAsync(c: Context<AppEnv>, key: string): Promise<Response | null> {
  const jobId = await findKeyedJobIdAsync(c.env.DB, c.var.owner, key, Date.now())
  const job = jobId ? await getJobAsync(c.env.DB, jobId, c.var.owner) : null
  return job ? c.json(toJob(job, requestOrigin(c)), 200) : null
}
