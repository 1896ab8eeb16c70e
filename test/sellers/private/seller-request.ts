import type { IncomingMessage } from 'node:http'
import { readJsonBodyAsync } from '../../simulator/private/read-json-body'
import { sanitizeBody } from '../../simulator/private/sanitize-body'
import type { SellerContext } from './seller-context'
import type { SellerRequestRecord } from './seller-stats'

/** A request to a seller's API, read once: its method, its body, and the stats record it will be logged as. */
export async function readSellerRequestAsync(req: IncomingMessage, url: URL) {
  const method = req.method ?? 'GET'
  const record: SellerRequestRecord = { method, path: url.pathname + url.search, auth: 'none', status: 0, at: Date.now() }
  const body = await readJsonBodyAsync(req)
  if (body.kind === 'json') record.body = sanitizeBody(body.value)
  return { method, record, body }
}

/** Whether the `Authorization` header is exactly the account's (`Bearer <key>`, fal's `Key <key>`); counted if not. */
export function authorize(ctx: SellerContext, req: IncomingMessage, record: SellerRequestRecord, scheme: 'Bearer' | 'Key'): boolean {
  const header = req.headers.authorization
  if (header === `${scheme} ${ctx.apiKey}`) {
    record.auth = 'ok'
    return true
  }
  record.auth = header ? 'invalid' : 'none'
  ctx.stats.authFailures++
  return false
}
