/**
 * What a stress suite runs against: the Kling simulator and the real Worker under `wrangler dev`, with its own
 * throw-away local state that survives a restart (so a crash test can start it again on the same state).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWorker, type WorkerProcess } from '../../../scripts/lib/worker-process'
import { portOrFree } from '../../e2e/support/ports'
import { startKlingSimulator, type KlingSimulator } from '../../simulator/kling-simulator'

export interface StackOptions {
  owners: string[]
  /** Kling simulator delay, submitted → succeed. */
  delayMs: number
  /** Worker vars on top of the defaults (DAILY_IMAGE_LIMIT, UPSTREAM_CONCURRENCY...). */
  vars?: Record<string, string>
  /** Submit with callback URLs (PUBLIC_BASE_URL set to the Worker's own origin). Default true. */
  callbacks?: boolean
}

export interface Stack {
  sim: KlingSimulator
  worker: WorkerProcess
  workerUrl: string
  tokens: Record<string, string>
  /** SIGKILL wrangler dev (a crash), then start it again on the same local state and port. */
  crashAndRestart(): Promise<{ downMs: number }>
  close(): Promise<void>
}

export const tokenOf = (owner: string) => `${owner}-stress-token`

export async function startStack(options: StackOptions): Promise<Stack> {
  const sim = await startKlingSimulator({ port: 0, delayMs: options.delayMs })
  const persistTo = await mkdtemp(join(tmpdir(), 'kling-frames-stress-'))
  const port = await portOrFree(8897)
  const workerUrl = `http://127.0.0.1:${port}`
  const tokens = Object.fromEntries(options.owners.map((owner) => [owner, tokenOf(owner)]))
  const vars: Record<string, string> = {
    KLING_API_BASE: sim.url,
    KLING_ACCESS_KEY: 'dev-access-key',
    KLING_SECRET_KEY: 'dev-secret-key',
    CLIENT_TOKENS: options.owners.map((owner) => `${owner}:${tokens[owner]}`).join(','),
    CALLBACK_SECRET: 'stress-callback-secret',
    ...(options.callbacks === false ? {} : { PUBLIC_BASE_URL: workerUrl }),
    ...options.vars,
  }
  const start = () => startWorker({ port, persistTo, vars, timeoutMs: 90_000 })
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
