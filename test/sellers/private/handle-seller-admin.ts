import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from '../../simulator/private/http-io'
import { readJsonBodyAsync } from '../../simulator/private/read-json-body'
import { DEFAULT_STALL_MS } from '../../simulator/private/seeded-chaos'
import { SellerChaos } from './seller-chaos'
import { applySellerConfigPatch, defaultSellerConfig, parseSellerConfigPatch } from './seller-config'
import type { SellerContext } from './seller-context'
import { SellerStatsRecorder } from './seller-stats'
import { adminSellerTask } from './seller-task'

/**
 * The test-control API under `/__sim/` (no auth, plain JSON), the same on every seller simulator:
 * `POST /__sim/reset` [config], `POST|GET /__sim/config`, `GET /__sim/stats`, `GET /__sim/tasks`, `GET /__sim/chaos`,
 * `POST /__sim/tasks/{id}/finish` [{status?: "completed"|"failed", error?}].
 */
export async function handleSellerAdminAsync(ctx: SellerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET'
  const path = url.pathname.replace(/\/+$/, '')
  const body = await readJsonBodyAsync(req)
  if (body.kind === 'invalid' || body.kind === 'tooLarge') return sendJson(res, 400, { error: 'body must be JSON' })
  const value = body.kind === 'json' ? body.value : {}

  if (method === 'POST' && (path === '/__sim/reset' || path === '/__sim/config')) {
    const parsed = parseSellerConfigPatch(value)
    if (!parsed.ok) return sendJson(res, 400, { error: parsed.error })
    if (path === '/__sim/reset') {
      ctx.store.clear()
      ctx.stats = new SellerStatsRecorder()
      ctx.config = defaultSellerConfig(ctx.defaultDelayMs)
      ctx.chaos = null
    }
    applySellerConfigPatch(ctx.config, parsed.patch)
    const chaos = parsed.patch.chaos
    if (chaos !== undefined) ctx.chaos = chaos ? new SellerChaos({ ...chaos, stallMs: chaos.stallMs ?? DEFAULT_STALL_MS }, ctx.chaosVocabulary) : null
    return sendJson(res, 200, { ok: true, config: ctx.config })
  }
  if (method === 'GET' && path === '/__sim/config') return sendJson(res, 200, ctx.config)
  if (method === 'GET' && path === '/__sim/stats') return sendJson(res, 200, ctx.stats)
  if (method === 'GET' && path === '/__sim/chaos') return sendJson(res, 200, ctx.chaos ?? { config: null })
  if (method === 'GET' && path === '/__sim/tasks') return sendJson(res, 200, { tasks: ctx.store.all().map(adminSellerTask) })

  const finish = /^\/__sim\/tasks\/([^/]+)\/finish$/.exec(path)
  if (method === 'POST' && finish) {
    const task = ctx.store.find(decodeURIComponent(finish[1]))
    if (!task) return sendJson(res, 404, { error: `task not found: ${finish[1]}` })
    const options = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
    const { status, error } = options
    if ((status !== undefined && status !== 'completed' && status !== 'failed') || (error !== undefined && typeof error !== 'string')) {
      return sendJson(res, 400, { error: 'body must be {status?: "completed"|"failed", error?: string}' })
    }
    ctx.store.finish(task, status, error)
    return sendJson(res, 200, { task: adminSellerTask(task) })
  }
  return sendJson(res, 404, { error: `no admin route ${method} ${path}` })
}
