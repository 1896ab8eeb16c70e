/**
 * A strict local apimodels.app (provider-docs/apimodels-kling-image.txt): one endpoint routed by `model`, each model
 * with its own fields, image inputs as URLs it downloads, `?task_id=` polling with states pending / processing /
 * completed / failed (`failMsg`), `resultUrls`, `{code, msg, data}` bodies, and `callback_url` webhooks carrying the
 * same body as a query. Results under `/files/`, the admin API under `/__sim/`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { APIMODELS_CHAOS } from './private/apimodels-chaos'
import { apimodelsTaskData, handleApimodelsAsync } from './private/handle-apimodels'
import { handleFilesAsync } from './private/handle-files'
import { handleSellerAdminAsync } from './private/handle-seller-admin'
import { listenAsync } from './private/listen'
import { defaultSellerConfig } from './private/seller-config'
import type { SellerContext } from './private/seller-context'
import { SellerStatsRecorder } from './private/seller-stats'
import { SellerTaskStore } from './private/seller-task-store'
import { deliverWebhook } from './private/send-webhook'
import type { SellerSimulator, SellerSimulatorOptions } from './seller-simulator'

let sequence = 0

export async function startApimodelsSimulator(opts: SellerSimulatorOptions = {}): Promise<SellerSimulator> {
  const delayMs = opts.delayMs ?? 1500
  const log = opts.log ? (line: string) => console.log(`[apimodels-sim] ${line}`) : () => {}
  const ctx: SellerContext = {
    name: 'apimodels',
    apiKey: opts.apiKey ?? 'dev-apimodels-key',
    defaultDelayMs: delayMs,
    config: defaultSellerConfig(delayMs),
    stats: new SellerStatsRecorder(),
    store: new SellerTaskStore(
      (task) => {
        if (!task.webhookUrl || (task.status !== 'completed' && task.status !== 'failed')) return
        deliverWebhook(ctx, task.webhookUrl, task.id, { code: 200, msg: 'success', data: apimodelsTaskData(ctx, task) })
      },
      () => `cl${Date.now().toString(36)}${(++sequence).toString(36).padStart(5, '0')}`,
    ),
    chaos: null,
    chaosVocabulary: APIMODELS_CHAOS,
    baseUrl: '',
    log,
  }
  const server = await listenAsync(opts.port ?? 0, opts.host ?? '127.0.0.1', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sim.local')
    if (url.pathname.startsWith('/__sim/')) return handleSellerAdminAsync(ctx, req, res, url)
    if (url.pathname.startsWith('/files/')) return handleFilesAsync(ctx, req, res, url)
    return handleApimodelsAsync(ctx, req, res, url)
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
