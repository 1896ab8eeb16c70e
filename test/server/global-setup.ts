import { startKlingSimulator, type KlingSimulator } from '../simulator/kling-simulator'
import type { SellerSimulator } from '../sellers/seller-simulator'
import { SELLERS, startSellerSimulator } from '../sellers/start-seller-simulator'
import { SELLER_PORTS, SIM_PORT, TEST_VARS } from './test-env'
import { startWorkerTunnel, type WorkerTunnel } from './worker-tunnel'

let simulator: KlingSimulator | undefined
const sellers: SellerSimulator[] = []
let tunnel: WorkerTunnel | undefined

const SELLER_KEYS = { fal: TEST_VARS.FAL_KEY, pixeldojo: TEST_VARS.PIXELDOJO_API_KEY, apimodels: TEST_VARS.APIMODELS_API_KEY } as const

/** Starts Kling's and every seller's simulator in Node for the whole run, and the Worker tunnel. */
export async function setup(): Promise<void> {
  simulator = await startKlingSimulator({
    port: SIM_PORT,
    delayMs: 300,
    accessKey: 'dev-access-key',
    secretKey: 'dev-secret-key',
    apiKey: 'dev-api-key',
  })
  for (const seller of SELLERS) {
    sellers.push(await startSellerSimulator(seller, { port: SELLER_PORTS[seller], delayMs: 300, apiKey: SELLER_KEYS[seller] }))
  }
  tunnel = await startWorkerTunnel(SELLER_PORTS.tunnel)
}

export async function teardown(): Promise<void> {
  await Promise.all([simulator?.close(), ...sellers.map((s) => s.close()), tunnel?.close()])
}
