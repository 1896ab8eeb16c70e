/**
 * The Worker under `wrangler dev` as a background process, for the dev orchestrator, the browser tests and the
 * benchmarks: starts it in its own process group, waits until `/v1/health` answers,
 * and stops the whole group.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { WranglerDevOptions } from './wrangler-dev-main'
import { REPO_ROOT, WRANGLER_ENV } from './wrangler-cli'

export interface StartWorkerOptions {
  port: number
  /** `--var` overrides on top of wrangler.jsonc (secrets included: they are only vars locally). */
  vars?: Record<string, string>
  /** Local Durable Object and R2 state directory; default `.wrangler/state`. Use a temp dir for a clean, throw-away state. */
  persistTo?: string
  /** Default 127.0.0.1. */
  ip?: string
  /** How long to wait for `/v1/health`; default 60 s. */
  timeoutMs?: number
  /** Rebuild and reload on source changes (the dev orchestrator); default false. */
  watch?: boolean
  /** Where wrangler's output goes; default: kept and shown only if the start fails. */
  onOutput?: (text: string) => void
}

export interface WorkerProcess {
  /** e.g. `http://127.0.0.1:8787` (no trailing slash). */
  url: string
  pid: number
  /** SIGTERM to the process group, SIGKILL after 5 s; resolves when it exited. */
  stop(): Promise<void>
  /** A crash: SIGKILL to the whole group at once, no shutdown; resolves when it exited. */
  kill(): Promise<void>
}

export async function startWorker(options: StartWorkerOptions): Promise<WorkerProcess> {
  const ip = options.ip ?? '127.0.0.1'
  const url = `http://${ip}:${options.port}`
  const devOptions: WranglerDevOptions = {
    ip,
    port: options.port,
    persistTo: options.persistTo ?? null,
    vars: options.vars ?? {},
    watch: options.watch ?? false,
  }
  const env = { ...WRANGLER_ENV, KF_WRANGLER_DEV: JSON.stringify(devOptions) }
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/run-ts.mjs'), join(REPO_ROOT, 'scripts/lib/wrangler-dev-main.ts')], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    const text = chunk.toString()
    output = (output + text).slice(-20_000)
    options.onOutput?.(text)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  let alive = true
  void exited.then(() => (alive = false))

  const stop = async () => {
    if (!alive || child.pid === undefined) return
    signalGroup(child.pid, 'SIGTERM')
    const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }

  const kill = async () => {
    if (!alive || child.pid === undefined) return
    signalGroup(child.pid, 'SIGKILL')
    await exited
  }

  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  for (;;) {
    if (!alive) throw new Error(`wrangler dev exited before ${url}/v1/health answered:\n${output}`)
    try {
      const response = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2000) })
      await response.arrayBuffer()
      break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`wrangler dev did not answer ${url}/v1/health within ${options.timeoutMs ?? 60_000} ms:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return { url, pid: child.pid!, stop, kill }
}

/** Signals the child's whole process group (wrangler starts workerd as a grandchild). */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}
