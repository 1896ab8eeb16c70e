/**
 * A local, faithful simulator of Kling's image API (kling-upstream.md): the backend's tests and benchmarks run
 * against it instead of api-singapore.klingai.com. Node only (node:http), no Worker dependencies.
 *
 * Surfaces: the Kling API under `/v1/images/generations`, `/v1/images/editing/expand`, `/v1/images/multi-image2image`
 * and `/v1/images/omni-image` (JWT or API-key auth, documented validation and error codes), result PNGs under `/cdn/`, and a test-control API under `/__sim/`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleAdminAsync } from './private/handle-admin'
import { handleCdnAsync } from './private/handle-cdn'
import { handleKlingApiAsync } from './private/handle-kling-api'
import { envelope, sendJson, sendText } from './private/http-io'
import { defaultConfig } from './private/sim-config'
import type { SimContext } from './private/sim-context'
import { SimStats } from './private/sim-stats'
import { callbackBody } from './private/task-view'
import { sendCallback } from './private/send-callback'
import { TaskStore } from './private/task-store'

export type { Faults, FaultResponse, SimConfigPatch } from './private/sim-config'
export type { AdminStats } from './private/sim-stats'
export type { AdminTask } from './private/task-view'

export interface KlingSimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** JWT `iss`. Default 'dev-access-key'. */
  accessKey?: string
  /** JWT HS256 secret. Default 'dev-secret-key'. */
  secretKey?: string
  /** Static bearer token also accepted (Kling's 2026 API keys). Default 'dev-api-key'. */
  apiKey?: string
  /** submitted → succeed, in ms (processing at a third of it). Default 1500. */
  delayMs?: number
  /** Log one line per request to stdout. Default false. */
  log?: boolean
}

export interface KlingSimulator {
  /** Base URL, e.g. `http://127.0.0.1:9001` (no trailing slash). Point the backend's Kling base URL here. */
  url: string
  port: number
  close(): Promise<void>
}

/** Starts a simulator; resolves once it listens. */
export async function startKlingSimulator(opts: KlingSimulatorOptions = {}): Promise<KlingSimulator> {
  const delayMs = opts.delayMs ?? 1500
  const log = opts.log ? (line: string) => console.log(`[kling-sim] ${line}`) : () => {}
  const ctx: SimContext = {
    credentials: {
      accessKey: opts.accessKey ?? 'dev-access-key',
      secretKey: opts.secretKey ?? 'dev-secret-key',
      apiKey: opts.apiKey ?? 'dev-api-key',
    },
    defaultDelayMs: delayMs,
    config: defaultConfig(delayMs),
    chaos: null,
    store: new TaskStore((task) => {
      if (task.request.callback_url) {
        sendCallback(task.request.callback_url, callbackBody(task, ctx.baseUrl), (entry) => ctx.stats.recordCallback(entry), log)
      }
    }),
    stats: new SimStats(),
    baseUrl: '',
    log,
  }

  const server = createServer((req, res) => {
    dispatchAsync(ctx, req, res).catch((error: unknown) => {
      log(`unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error')
      else res.destroy()
    })
  })
  // Node closes idle keep-alive sockets after 5 s; workerd may pick such a socket from its pool just as it closes
  // ("Network connection lost."). Real APIs keep them for about a minute behind their load balancers.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  // CDN links must be fetchable by the backend; a wildcard bind is still reached through loopback.
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  ctx.baseUrl = `http://${publicHost}:${port}`

  return {
    url: ctx.baseUrl,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        ctx.store.clear()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function dispatchAsync(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.local')
  if (url.pathname.startsWith('/__sim/')) return handleAdminAsync(ctx, req, res, url)
  if (url.pathname.startsWith('/cdn/')) return handleCdnAsync(ctx, req, res, url)
  if (url.pathname.startsWith('/v1/')) return handleKlingApiAsync(ctx, req, res, url)
  req.resume()
  sendJson(res, 404, envelope(1203, `resource not found: ${url.pathname}`, null))
  return Promise.resolve()
}
