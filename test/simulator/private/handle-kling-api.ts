import type { IncomingMessage, ServerResponse } from 'node:http'
import { chaosError, MALFORMED_BODY } from './chaos'
import { createTaskAsync } from './create-task'
import { sendHalfJson } from './damaged-answers'
import { envelope, sendJson, sendText } from './http-io'
import { KlingError } from './kling-error'
import { matchKlingRoute } from './kling-routes'
import { listTasks } from './list-tasks'
import { queryTask } from './query-task'
import { readJsonBodyAsync } from './read-json-body'
import { sanitizeBody } from './sanitize-body'
import type { SimContext } from './sim-context'
import type { RequestRecord } from './sim-stats'
import { verifyBearer } from './verify-bearer'

/**
 * One request to the Kling API surface (`/v1/...`): read the body, authenticate (every path, as Kling's gateway
 * does, before routing), route, answer in the envelope, and record it in the stats.
 */
export async function handleKlingApiAsync(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET'
  const record: RequestRecord = {
    method,
    path: url.pathname + url.search,
    auth: 'none',
    contentType: req.headers['content-type'] ?? null,
    status: 0,
    code: 0,
    at: Date.now(),
  }
  const body = await readJsonBodyAsync(req)
  if (body.kind === 'json') record.body = sanitizeBody(body.value)
  try {
    const header = req.headers.authorization
    try {
      record.auth = verifyBearer(header, ctx.credentials, Date.now())
    } catch (error) {
      record.auth = header === undefined || header.trim() === '' ? 'none' : 'invalid'
      ctx.stats.authFailures++
      throw error
    }
    const route = matchKlingRoute(method, url.pathname)
    if (!route) throw new KlingError(404, 1203, `resource not found: ${url.pathname}`)
    let data: unknown
    switch (route.kind) {
      case 'badMethod':
        throw new KlingError(404, 1202, `invalid request method: ${method} ${url.pathname}`)
      case 'create': {
        const chaos = ctx.chaos?.pick('create') ?? null
        const refused = chaos && chaosError(chaos)
        if (refused) throw refused
        const outcome = await createTaskAsync(ctx, route.endpoint, body, req.headers['content-type'])
        if (outcome.kind === 'dropped' || chaos?.kind === 'lost_response') {
          ctx.log(`${method} ${record.path} → task created, connection dropped (fault)`)
          ctx.stats.recordRequest(record)
          res.socket?.destroy()
          return
        }
        if (chaos?.kind === 'malformed_after_create') return sendMalformed(ctx, res, record)
        data = outcome.data
        break
      }
      case 'query': {
        const chaos = ctx.chaos?.pick('query') ?? null
        if (chaos?.kind === 'query_stall') await ctx.chaos?.stall()
        const refused = chaos && chaosError(chaos)
        if (refused) throw refused
        data = queryTask(ctx, route.endpoint, route.id)
        if (chaos?.kind === 'query_malformed') return sendMalformed(ctx, res, record)
        break
      }
      case 'list':
        data = listTasks(ctx, route.endpoint, url.searchParams)
        break
    }
    answer(ctx, res, record, 200, 0, 'SUCCEED', data)
  } catch (error) {
    if (error instanceof KlingError && error.bare) {
      record.status = error.status
      ctx.stats.recordRequest(record)
      ctx.log(`${record.method} ${record.path} → bare ${error.status} (fault)`)
      sendText(res, error.status, `${error.status} ${error.message}`)
    } else if (error instanceof KlingError) {
      answer(ctx, res, record, error.status, error.code, error.message, null)
    } else {
      ctx.log(`${method} ${record.path} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      answer(ctx, res, record, 500, 5000, 'Internal server error', null)
    }
  }
}

/** Chaos: a 200 whose JSON stops half-way (after the work was done). */
function sendMalformed(ctx: SimContext, res: ServerResponse, record: RequestRecord): void {
  record.status = 200
  ctx.stats.recordRequest(record)
  ctx.log(`${record.method} ${record.path} → 200 with a malformed body (chaos)`)
  sendHalfJson(res, 200, MALFORMED_BODY)
}

function answer(ctx: SimContext, res: ServerResponse, record: RequestRecord, status: number, code: number, message: string, data: unknown): void {
  record.status = status
  record.code = code
  ctx.stats.recordRequest(record)
  ctx.log(`${record.method} ${record.path} → ${status} code=${code}${code === 0 ? '' : ` ${message}`}`)
  sendJson(res, status, envelope(code, message, data))
}
