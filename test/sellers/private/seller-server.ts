import type { IncomingMessage, ServerResponse } from 'node:http'
import { handleFilesAsync } from './handle-files'
import { handleSellerAdminAsync } from './handle-seller-admin'
import { listenAsync, type Listening } from './listen'
import type { SellerChaosVocabulary } from './seller-chaos'
import { defaultSellerConfig } from './seller-config'
import type { SellerContext } from './seller-context'
import { SellerStatsRecorder } from './seller-stats'
import type { SellerTask } from './seller-task'
import { SellerTaskStore } from './seller-task-store'
import type { SellerSimulator, SellerSimulatorOptions } from '../seller-simulator'

/** One simulated account of a seller, as every seller simulator starts it (its own dev key, delay and log prefix). */
export function sellerContext(
  opts: SellerSimulatorOptions,
  seller: { name: string; chaosVocabulary: SellerChaosVocabulary; onChange: (ctx: SellerContext, task: SellerTask) => void; newId?: () => string },
): SellerContext {
  const delayMs = opts.delayMs ?? 1500
  const ctx: SellerContext = {
    name: seller.name,
    apiKey: opts.apiKey ?? `dev-${seller.name}-key`,
    defaultDelayMs: delayMs,
    config: defaultSellerConfig(delayMs),
    stats: new SellerStatsRecorder(),
    store: new SellerTaskStore((task) => seller.onChange(ctx, task), seller.newId),
    chaos: null,
    chaosVocabulary: seller.chaosVocabulary,
    baseUrl: '',
    log: opts.log ? (line: string) => console.log(`[${seller.name}-sim] ${line}`) : () => {},
  }
  return ctx
}

type Handler = (ctx: SellerContext, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>

/** The seller's own server: the admin API under `/__sim/`, result files under `/files/`, the rest to its API. */
export async function listenSellerAsync(ctx: SellerContext, opts: SellerSimulatorOptions, handleApi: Handler): Promise<Listening> {
  const server = await listenAsync(opts.port ?? 0, opts.host ?? '127.0.0.1', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sim.local')
    if (url.pathname.startsWith('/__sim/')) return handleSellerAdminAsync(ctx, req, res, url)
    if (url.pathname.startsWith('/files/')) return handleFilesAsync(ctx, req, res, url)
    return handleApi(ctx, req, res, url)
  }, ctx.log)
  ctx.baseUrl = server.url
  return server
}

/** A seller simulator served by one server. */
export async function startSellerAsync(ctx: SellerContext, opts: SellerSimulatorOptions, handleApi: Handler): Promise<SellerSimulator> {
  const server = await listenSellerAsync(ctx, opts, handleApi)
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
