/**
 * What a stress suite runs against: a provider's simulator (Kling's or a seller's) and the real Worker under
 * `wrangler dev`, with its own throw-away local state that survives a restart (so a crash test can start it again
 * on the same state).
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWorker, type WorkerProcess } from '../../../scripts/lib/worker-process'
import { portOrFree } from '../../e2e/support/ports'
import { startKlingSimulator } from '../../simulator/kling-simulator'
import { sellerWorkerVars, startSellerSimulator, type Seller } from '../../sellers/start-seller-simulator'

export type StressProvider = 'kling' | Seller

export interface StackOptions {
  /** Default kling. */
  provider?: StressProvider
  owners: string[]
  /** Simulator delay, submitted → succeeded. */
  delayMs: number
  /** Worker vars on top of the defaults (DAILY_IMAGE_LIMIT, UPSTREAM_CONCURRENCY...). */
  vars?: Record<string, string>
  /** Submit with callback URLs (PUBLIC_BASE_URL set to the Worker's own origin). Default true. */
  callbacks?: boolean
}

export interface Stack {
  /** The simulator; its admin API (`/__sim/...`) is under `url`. */
  sim: { url: string; close(): Promise<void> }
  worker: WorkerProcess
  workerUrl: string
  tokens: Record<string, string>
  /** SIGKILL wrangler dev (a crash), then start it again on the same local state and port. */
  crashAndRestart(): Promise<{ downMs: number }>
  close(): Promise<void>
}

export const tokenOf = (owner: string) => `${owner}-stress-token`

export async function startStack(options: StackOptions): Promise<Stack> {
  const { sim, vars: providerVars } = await startSimulatorAsync(options.provider ?? 'kling', options.delayMs)
  const persistTo = await mkdtemp(join(tmpdir(), 'kling-frames-stress-'))
  // Any free port, never a fixed one: several suites (and other worktrees' runs) share the machine.
  const port = await portOrFree(0)
  const workerUrl = `http://127.0.0.1:${port}`
  const tokens = Object.fromEntries(options.owners.map((owner) => [owner, tokenOf(owner)]))
  const vars: Record<string, string> = {
    ...providerVars,
    CLIENT_TOKENS: options.owners.map((owner) => `${owner}:${tokens[owner]}`).join(','),
    CALLBACK_SECRET: 'stress-callback-secret',
    ...(options.callbacks === false ? {} : { PUBLIC_BASE_URL: workerUrl }),
    ...options.vars,
  }
  const start = async () => {
    const started = await startWorker({ port, persistTo, vars, timeoutMs: 90_000, onOutput: workerLog(options.provider ?? 'kling') })
    // The Worker that answers must be this one (a port taken meanwhile would route the suite to a stranger).
    const health = (await (await fetch(`${workerUrl}/v1/health`)).json()) as { provider?: string }
    if (health.provider !== (options.provider ?? 'kling')) throw new Error(`the Worker on port ${port} is not this suite's (provider ${health.provider})`)
    return started
  }
  let worker = await start()
  return {
    sim,
    get worker() {
      return worker
    },
    workerUrl,
    tokens,
    async crashAndRestart() {
      const down = Date.now()
      await worker.kill()
      worker = await start()
      return { downMs: Date.now() - down }
    },
    async close() {
      await worker.stop()
      await sim.close()
      await rm(persistTo, { recursive: true, force: true })
    },
  }
}

/** The provider's simulator on a free port, and the Worker vars that point the provider at it. */
async function startSimulatorAsync(provider: StressProvider, delayMs: number): Promise<{ sim: Stack['sim']; vars: Record<string, string> }> {
  if (provider === 'kling') {
    const sim = await startKlingSimulator({ port: 0, delayMs })
    return { sim, vars: { KLING_API_BASE: sim.url, KLING_ACCESS_KEY: 'dev-access-key', KLING_SECRET_KEY: 'dev-secret-key' } }
  }
  const sim = await startSellerSimulator(provider, { port: 0, delayMs })
  return { sim, vars: sellerWorkerVars(provider, sim) }
}

/** With `STRESS_WORKER_LOG=dir`, the Worker's output goes to `dir/<provider>.log` (its one JSON line per event). */
function workerLog(provider: StressProvider): ((text: string) => void) | undefined {
  const dir = process.env.STRESS_WORKER_LOG
  if (!dir) return undefined
  mkdirSync(dir, { recursive: true })
  return (text) => appendFileSync(join(dir, `${provider}.log`), text)
}
