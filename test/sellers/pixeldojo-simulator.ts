/**
 * A strict local PixelDojo (`/api/v1/models/kling-image/run`, `/api/v1/jobs/{id}`), per provider-docs/pixeldojo-*.txt:
 * bearer key, `num_outputs`, upper-case `resolution`, credits (`creditCost`, `creditsRemaining`, 402 when short),
 * `output.images` as a list of URLs, and its error table (400, 401, 402, 404, 429, 500). Results under `/files/`,
 * the admin API under `/__sim/` (`credits` sets the balance).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { handleFilesAsync } from './private/handle-files'
import { handlePixelDojoAsync, refundFailedJob } from './private/handle-pixeldojo'
import { PIXELDOJO_CHAOS } from './private/pixeldojo-chaos'
import { handleSellerAdminAsync } from './private/handle-seller-admin'
import { listenAsync } from './private/listen'
import { defaultSellerConfig } from './private/seller-config'
import type { SellerContext } from './private/seller-context'
import { SellerStatsRecorder } from './private/seller-stats'
import { SellerTaskStore } from './private/seller-task-store'
import type { SellerSimulator, SellerSimulatorOptions } from './seller-simulator'

let sequence = 0

export async function startPixelDojoSimulator(opts: SellerSimulatorOptions = {}): Promise<SellerSimulator> {
  const delayMs = opts.delayMs ?? 1500
  const log = opts.log ? (line: string) => console.log(`[pixeldojo-sim] ${line}`) : () => {}
  const ctx: SellerContext = {
    name: 'pixeldojo',
    apiKey: opts.apiKey ?? 'dev-pixeldojo-key',
    defaultDelayMs: delayMs,
    config: defaultSellerConfig(delayMs),
    stats: new SellerStatsRecorder(),
    store: new SellerTaskStore(
      (task) => refundFailedJob(ctx, task),
      () => `job_${Date.now().toString(36)}${(++sequence).toString(36).padStart(4, '0')}`,
    ),
    chaos: null,
    chaosVocabulary: PIXELDOJO_CHAOS,
    baseUrl: '',
    log,
  }
  const server = await listenAsync(opts.port ?? 0, opts.host ?? '127.0.0.1', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sim.local')
    if (url.pathname.startsWith('/__sim/')) return handleSellerAdminAsync(ctx, req, res, url)
    if (url.pathname.startsWith('/files/')) return handleFilesAsync(ctx, req, res, url)
    return handlePixelDojoAsync(ctx, req, res, url)
  }, log)
  ctx.baseUrl = server.url
  return {
    url: server.url,
    port: server.port,
    apiKey: ctx.apiKey,
    close: async () => {
      ctx.store.clear()
      await server.close()
    },
  }
}
