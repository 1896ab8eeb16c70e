import { startKlingSimulator, type KlingSimulator } from '../simulator/kling-simulator'
import { SIM_PORT } from './test-env'

let simulator: KlingSimulator | undefined

/** Starts the Kling simulator in Node for the whole run; tests drive it over HTTP through its /__sim/ API. */
export async function setup(): Promise<void> {
  simulator = await startKlingSimulator({
    port: SIM_PORT,
    delayMs: 300,
    accessKey: 'dev-access-key',
    secretKey: 'dev-secret-key',
    apiKey: 'dev-api-key',
  })
}

export async function teardown(): Promise<void> {
  await simulator?.close()
}
