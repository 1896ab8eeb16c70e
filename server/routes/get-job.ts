import { Hono } from 'hono'
import { GetJobQuery } from '../../shared/api/schemas'
import type { AppEnv } from '../app-env'
import { jobNotFound } from '../errors'
import { requestOrigin } from '../http/origin'
import { JOB_ID_PATTERN } from '../jobs/job-id'
import { toJob } from '../jobs/job-row'
import { ownerStub } from '../upstream/upstream-stub'
import { parseOrThrow } from '../validate'

/** `GET /v1/jobs/{id}?wait=S`: the job, held up to S seconds until it finishes (the owner object wakes it). */
export const getJob = new Hono<AppEnv>().get('/:id', async (c) => {
  const { wait = 0 } = parseOrThrow(GetJobQuery, c.req.query(), 'query')
  const id = c.req.param('id')
  if (!JOB_ID_PATTERN.test(id)) throw jobNotFound()
  const row = await ownerStub(c.env, c.var.owner).getJob(c.var.config, id, wait)
  if (!row) throw jobNotFound()
  return c.json(toJob(row, requestOrigin(c)))
})
