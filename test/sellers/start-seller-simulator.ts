import { startApimodelsSimulator } from './apimodels-simulator'
import { startFalSimulator } from './fal-simulator'
import { startPixelDojoSimulator } from './pixeldojo-simulator'
import type { SellerSimulator, SellerSimulatorOptions } from './seller-simulator'

export const SELLERS = ['fal', 'pixeldojo', 'apimodels'] as const
export type Seller = (typeof SELLERS)[number]

/** Starts the simulator of one seller (fal's status server takes the next port when `port` is fixed). */
export function startSellerSimulator(seller: Seller, opts: SellerSimulatorOptions = {}): Promise<SellerSimulator> {
  switch (seller) {
    case 'fal':
      return startFalSimulator({ ...opts, statusPort: opts.port ? opts.port + 1 : 0 })
    case 'pixeldojo':
      return startPixelDojoSimulator(opts)
    case 'apimodels':
      return startApimodelsSimulator(opts)
  }
}

/** The Worker vars that point `PROVIDER=seller` at a running simulator. */
export function sellerWorkerVars(seller: Seller, sim: SellerSimulator): Record<string, string> {
  switch (seller) {
    case 'fal':
      return { PROVIDER: 'fal', FAL_KEY: sim.apiKey, FAL_QUEUE_BASE: sim.url }
    case 'pixeldojo':
      return { PROVIDER: 'pixeldojo', PIXELDOJO_API_KEY: sim.apiKey, PIXELDOJO_API_BASE: sim.url }
    case 'apimodels':
      return { PROVIDER: 'apimodels', APIMODELS_API_KEY: sim.apiKey, APIMODELS_API_BASE: sim.url }
  }
}
