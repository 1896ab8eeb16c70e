import type { IncomingMessage, ServerResponse } from 'node:http'
import { Chaos } from './chaos'
import { sendJson } from './http-io'
import { DEFAULT_STALL_MS } from './seeded-chaos'
import { parseConfigPatch } from './parse-config-patch'
import { readJsonBodyAsync } from './read-json-body'
import { applyConfigPatch, defaultConfig } from './sim-config'
import type { SimContext } from './sim-context'
import { SimStats } from './sim-stats'
import { adminView } from './task-view'

/**
 * The test-control API under `/__sim/` (no auth, plain JSON, not the Kling envelope), so tests running inside
 * workerd can drive the simulator over HTTP:
 * - `POST /__sim/reset` [config]: clear tasks, faults and stats, restore the startup config, then apply the body.
 * - `POST /__sim/config` config: merge `{delayMs?, concurrency?, faults?}`; `GET /__sim/config` reads it back.
 * - `GET /__sim/stats`, `GET /__sim/tasks`, `GET /__sim/chaos` (what chaos mode injected).
 * - `POST /__sim/tasks/{task_id}/finish` [{task_status?, task_status_msg?}]: end the task now.
 */
export async function handleAdminAsync(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET'
  const path = url.pathname.replace(/\/+$/, '')
  const body = await readJsonBodyAsync(req)
  if (body.kind === 'invalid' || body.kind === 'tooLarge') return sendJson(res, 400, { error: 'body must be JSON' })
  const value = body.kind === 'json' ? body.value : {}

  if (method === 'POST' && (path === '/__sim/reset' || path === '/__sim/config')) {
    const parsed = parseConfigPatch(value)
    if (!parsed.ok) return sendJson(res, 400, { error: parsed.error })
    if (path === '/__sim/reset') {
      ctx.store.clear()
      ctx.stats = new SimStats()
      ctx.config = defaultConfig(ctx.defaultDelayMs)
      ctx.chaos = null
    }
    applyConfigPatch(ctx.config, parsed.patch)
    const chaos = parsed.patch.chaos
    if (chaos !== undefined) ctx.chaos = chaos ? new Chaos({ ...chaos, stallMs: chaos.stallMs ?? DEFAULT_STALL_MS }) : null
    return sendJson(res, 200, { ok: true, config: ctx.config })
  }
  if (method === 'GET' && path === '/__sim/config') return sendJson(res, 200, ctx.config)
  if (method === 'GET' && path === '/__sim/stats') return sendJson(res, 200, ctx.stats)
  if (method === 'GET' && path === '/__sim/chaos') return sendJson(res, 200, ctx.chaos ?? { config: null })
  if (method === 'GET' && path === '/__sim/tasks') return sendJson(res, 200, { tasks: ctx.store.all().map(adminView) })

  const finish = /^\/__sim\/tasks\/([^/]+)\/finish$/.exec(path)
  if (method === 'POST' && finish) {
    const task = ctx.store.findById(decodeURIComponent(finish[1]))
    if (!task) return sendJson(res, 404, { error: `task not found: ${finish[1]}` })
    const options = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
    const status = options.task_status
    const message = options.task_status_msg
    if ((status !== undefined && status !== 'succeed' && status !== 'failed') || (message !== undefined && typeof message !== 'string')) {
      return sendJson(res, 400, { error: 'body must be {task_status?: "succeed"|"failed", task_status_msg?: string}' })
    }
    ctx.store.finish(task, status, message)
    return sendJson(res, 200, { task: adminView(task) })
  }
  return sendJson(res, 404, { error: `no admin route ${method} ${path}` })
}
