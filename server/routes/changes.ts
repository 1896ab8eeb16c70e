import { Hono } from 'hono'
import { ChangesQuery, type Changes } from '../../shared/api/schemas'
import type { AppEnv } from '../app-env'
import { requestOrigin } from '../http/origin'
import { toJob } from '../jobs/job-row'
import { apiErrorOf } from '../owner/owner-failure'
import { ownerStub } from '../upstream/upstream-stub'
import { parseOrThrow } from '../validate'

/**
 * `GET /v1/changes?after=<cursor>&wait=S`: one long-poll for all of the caller's jobs. Every job whose status,
 * queue position or images changed after the cursor, once each in its latest state, oldest change first; held
 * until there is one or S seconds pass. Without `after`: the unfinished jobs and the current cursor.
 */
export const changes = new Hono<AppEnv>().get('/', async (c) => {
  const { after, wait = 0 } = parseOrThrow(ChangesQuery, c.req.query(), 'query')
  const outcome = await ownerStub(c.env, c.var.owner).changes(c.var.config, after ?? null, wait)
  if (outcome.kind === 'error') throw apiErrorOf(outcome.error)
  const body: Changes = { jobs: outcome.jobs.map((row) => toJob(row, requestOrigin(c))), cursor: outcome.cursor }
  return c.json(body)
})
