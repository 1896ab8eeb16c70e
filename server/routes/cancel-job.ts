import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { jobNotFound } from '../errors'
import { requestOrigin } from '../http/origin'
import { JOB_ID_PATTERN } from '../jobs/job-id'
import { endJobInputsAsync } from '../jobs/end-job'
import { toJob } from '../jobs/job-row'
import { getJobAsync } from '../jobs/repository'
import { cancelJobAsync } from '../jobs/transitions'

/**
 * `DELETE /v1/jobs/{id}`: an unfinished job becomes `canceled` and its images are never fetched or shown
 * (a refresh that is copying them discards them). A finished job is answered unchanged. No refund: Kling has
 * no cancel call and bills the task anyway.
 */
export const cancelJob = new Hono<AppEnv>().delete('/:id', async (c) => {
  const id = c.req.param('id')
  if (!JOB_ID_PATTERN.test(id)) throw jobNotFound()
  const canceled = await cancelJobAsync(c.env.DB, id, c.var.owner, Date.now())
  if (canceled) await endJobInputsAsync({ db: c.env.DB, bucket: c.env.IMAGES }, canceled)
  const row = await getJobAsync(c.env.DB, id, c.var.owner)
  if (!row) throw jobNotFound()
  return c.json(toJob(row, requestOrigin(c)))
})
