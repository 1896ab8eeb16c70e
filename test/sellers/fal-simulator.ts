/**
 * A strict local fal.ai queue for `fal-ai/kling-image/*` (kling-upstream.md §7, provider-docs/fal-kling-image-v3.md).
 * Two servers: the submit server (`url`, what `FAL_QUEUE_BASE` points at) and a status server on another port, where
 * the `status_url` / `response_url` / `cancel_url` of each submit point. A client that rebuilds those URLs from the
 * base instead of following them (the fal-js bug of issue #214) hits the submit server and gets 404.
 *
 * Also serves result files (`/files/...`, temporary like fal's CDN) and the `/__sim/` admin API on the submit server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from '../simulator/private/http-io'
import { FAL_CHAOS } from './private/fal-chaos'
import { handleFalQueueAsync, handleFalSubmitAsync, resultBody } from './private/handle-fal'
import { listenAsync } from './private/listen'
import { listenSellerAsync, sellerContext } from './private/seller-server'
import { deliverWebhook } from './private/send-webhook'
import type { SellerSimulator, SellerSimulatorOptions } from './seller-simulator'

export interface FalSimulator extends SellerSimulator {
  /** The status server, where submit answers point. */
  statusUrl: string
}

export async function startFalSimulator(opts: SellerSimulatorOptions & { statusPort?: number } = {}): Promise<FalSimulator> {
  const ctx = sellerContext(opts, {
    name: 'fal',
    chaosVocabulary: FAL_CHAOS,
    onChange: (ctx, task) => {
      if (!task.webhookUrl || (task.status !== 'completed' && task.status !== 'failed')) return
      const result = resultBody(ctx, task)
      const ok = result.status === 200
      const body = { request_id: task.id, gateway_request_id: task.id, status: ok ? 'OK' : 'ERROR', payload: result.body, error: ok ? null : task.error }
      deliverWebhook(ctx, task.webhookUrl, task.id, body)
    },
  })
  let statusBase = ''
  const submit = await listenSellerAsync(ctx, opts, (ctx, req, res, url) => handleFalSubmitAsync(ctx, statusBase, req, res, url))
  const status = await listenAsync(opts.statusPort ?? 0, opts.host ?? '127.0.0.1', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sim.local')
    if (url.pathname.startsWith('/fal-ai/')) return handleFalQueueAsync(ctx, statusBase, req, res, url)
    req.resume()
    sendJson(res, 404, { detail: `Path ${url.pathname} not found` })
    return Promise.resolve()
  }, ctx.log)
  statusBase = status.url
  return {
    url: submit.url,
    port: submit.port,
    statusUrl: status.url,
    apiKey: ctx.apiKey,
    close: async () => {
      ctx.store.clear()
      await Promise.all([submit.close(), status.close()])
    },
  }
}
