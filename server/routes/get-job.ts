import { Hono } from 'hono'
import { GetJobQuery } from '../../shared/api/schemas'
import type { AppEnv } from '../app-env'
import { jobNotFound } from '../errors'
import { requestOrigin } from '../http/origin'
import { jobDeps } from '../jobs/job-deps'
import { JOB_ID_PATTERN } from '../jobs/job-id'
import { toJob } from '../jobs/job-row'
import { waitForJobAsync } from '../jobs/wait-for-job'
import { parseOrThrow } from '../validate'

/** `GET /v1/jobs/{id}?wait=S`: the job, refreshed from upstream when due, held up to S seconds until it finishes. */
export const getJob = new Hono<AppEnv>().get('/:id', async (c) => {
  const { wait = 0 } = parseOrThrow(GetJobQuery, c.req.query(), 'query')
  const id = c.req.param('id')
  if (!JOB_ID_PATTERN.test(id)) throw jobNotFound()
  const row = await waitForJobAsync(jobDeps(c.env, c.var.config, c.var.provider), id, c.var.owner, wait)
  if (!row) throw jobNotFound()
  return c.json(toJob(row, requestOrigin(c)))
})
