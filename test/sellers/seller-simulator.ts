/** What every seller simulator (fal, PixelDojo, apimodels) takes and gives. */
export interface SellerSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** The API key the simulated account accepts. */
  apiKey?: string
  /** queued → completed, in ms (running at a third of it). Default 1500. */
  delayMs?: number
  log?: boolean
}

export interface SellerSimulator {
  /** Base URL to configure as the seller's API base, e.g. `http://127.0.0.1:9101`; `/__sim/` lives here. */
  url: string
  port: number
  apiKey: string
  close(): Promise<void>
}

export type { SellerStats } from './private/seller-stats'
export type { AdminSellerTask } from './private/seller-task'
export type { SellerConfigPatch, SellerFault } from './private/seller-config'
