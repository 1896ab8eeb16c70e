import { Hono } from 'hono'
import { ListJobsQuery, type JobList } from '../../shared/api/schemas'
import type { AppEnv } from '../app-env'
import { requestOrigin } from '../http/origin'
import { decodeCursor, encodeCursor } from '../jobs/cursor'
import { toJob } from '../jobs/job-row'
import { ownerStub } from '../upstream/upstream-stub'
import { invalidRequest, parseOrThrow } from '../validate'

const DEFAULT_LIMIT = 20

/** `GET /v1/jobs`: the caller's jobs, newest first, keyset-paginated with an opaque cursor. */
export const listJobs = new Hono<AppEnv>().get('/', async (c) => {
  const query = parseOrThrow(ListJobsQuery, c.req.query(), 'query')
  const limit = query.limit ?? DEFAULT_LIMIT
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor)
  if (query.cursor !== undefined && !after) throw invalidRequest('query', [{ path: 'cursor', message: 'is not a cursor this API returned' }])
  // One extra row tells whether another page exists without a COUNT.
  const rows = await ownerStub(c.env, c.var.owner).listJobs(limit + 1, after)
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const body: JobList = {
    jobs: page.map((row) => toJob(row, requestOrigin(c))),
    next_cursor: rows.length > limit && last ? encodeCursor(last) : null,
  }
  return c.json(body)
})
