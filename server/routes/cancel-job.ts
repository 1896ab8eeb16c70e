import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { jobNotFound } from '../errors'
import { requestOrigin } from '../http/origin'
import { JOB_ID_PATTERN } from '../jobs/job-id'
import { toJob } from '../jobs/job-row'
import { ownerStub } from '../upstream/upstream-stub'

/**
 * `DELETE /v1/jobs/{id}`: an unfinished job becomes `canceled`, its slots go back to the queue, and its images are
 * never fetched or shown (a copy in progress is discarded). A finished job is answered unchanged. No refund: Kling
 * has no cancel call and bills the task anyway.
 */
export const cancelJob = new Hono<AppEnv>().delete('/:id', async (c) => {
  const id = c.req.param('id')
  if (!JOB_ID_PATTERN.test(id)) throw jobNotFound()
  const row = await ownerStub(c.env, c.var.owner).cancel(c.var.config, id)
  if (!row) throw jobNotFound()
  return c.json(toJob(row, requestOrigin(c)))
})
